// A calendar date "YYYY-MM-DD" as people read it ("5 March 2026"), marked up as a <time> so that
// assistive technology and machines have the exact date; `empty` stands in when there is none.
import type { ReactNode } from "react";
import { formatCalendarDate } from "@/lib/recruitment/rules";

export function CalendarDate({ date, empty = null }: { date: string | null; empty?: ReactNode }) {
  return date ? <time dateTime={date}>{formatCalendarDate(date)}</time> : empty;
}
