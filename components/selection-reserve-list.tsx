"use client";

// The ranked reserve list, first to be promoted first, with buttons that move one agency up or
// down a place. After a move the list is read again from the server, and focus stays on the
// agency that moved (on the button in the same direction when it still has one), so a keyboard
// user can press again to go on moving it. When that agency has no button left (another researcher
// promoted or moved it meanwhile), focus goes to the message that says what happened instead of
// falling to the page. The component stays in the page when the list is empty, with its message.
//
// Each agency's line of facts (score, region, client groups) arrives written out by the server, so
// that this component loads no labels, score formatting or validation code in the browser.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { FormError, StatusMessage } from "@/components/form";
import { reorderReserveAction } from "@/lib/selection/actions";
import type { SelectionResult } from "@/lib/selection/schema";

const UNAVAILABLE =
  "We could not change the order of the reserve list just now. Nothing was changed; please try again in a few minutes.";

export type ReserveItem = {
  id: string;
  teamName: string;
  organisation: string;
  reserveRank: number;
  /** "Mean score 3.5 (2 reviews) · London · Adults with learning disabilities", written by the server. */
  facts: string;
};

type Direction = "up" | "down";

function refusal(answer: Extract<SelectionResult, { ok: false }>): string {
  const fieldMessage = Object.values(answer.fieldErrors ?? {}).find((messages) => messages?.length)?.[0];
  return answer.formError ?? fieldMessage ?? UNAVAILABLE;
}

export function SelectionReserveList({ rows }: { rows: ReserveItem[] }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  // The agency that moved, to focus once the list in its new order has arrived.
  const moved = useRef<{ id: string; direction: Direction } | null>(null);

  useEffect(() => {
    const target = moved.current;
    if (!target) return;
    moved.current = null;
    const other: Direction = target.direction === "up" ? "down" : "up";
    (
      buttons.current.get(`${target.id}:${target.direction}`) ??
      buttons.current.get(`${target.id}:${other}`) ??
      messageRef.current
    )?.focus();
  }, [rows]);

  function move(item: ReserveItem, direction: Direction) {
    if (pending) return;
    setStatus(null);
    setError(null);
    startTransition(async () => {
      let answer: SelectionResult;
      try {
        answer = await reorderReserveAction({ agencyId: item.id, direction });
      } catch {
        setError(UNAVAILABLE);
        return;
      }
      if (!answer.ok) {
        setError(refusal(answer));
        return;
      }
      moved.current = { id: item.id, direction };
      setStatus(answer.message);
      router.refresh();
    });
  }

  // Each button is named after its agency, its visible words first so that people who speak to
  // their computer can say what they see (WCAG 2.5.3).
  const ref = (key: string) => (element: HTMLButtonElement | null) => {
    if (element) buttons.current.set(key, element);
    else buttons.current.delete(key);
  };

  return (
    <div className="space-y-4">
      <div ref={messageRef} tabIndex={-1} className="space-y-2">
        <FormError message={error} />
        <StatusMessage message={status} />
      </div>
      {rows.length === 0 ? (
        <p>No agency is on the reserve list. Move a shortlisted agency to the reserve list from its own page.</p>
      ) : (
        <>
          <p className="max-w-3xl">
            The first is the next in line when a place becomes free. Move an agency up or down to change the order.
          </p>
          <ol aria-labelledby="reserve-heading" className="space-y-3">
            {rows.map((item, index) => (
              <li
                key={item.id}
                className="border-line flex flex-col gap-3 rounded-md border p-3 sm:flex-row sm:items-center sm:justify-between"
              >
                <div className="min-w-0 space-y-1">
                  <p>
                    <span className="font-semibold">Number {item.reserveRank}: </span>
                    <Link href={`/researcher/agencies/${item.id}`} className="font-semibold [overflow-wrap:anywhere]">
                      {item.teamName}
                    </Link>
                  </p>
                  <p className="text-muted text-sm [overflow-wrap:anywhere]">{item.organisation}</p>
                  <p className="text-sm">{item.facts}</p>
                </div>
                <div className="flex shrink-0 flex-wrap gap-2">
                  {index > 0 ? (
                    <button
                      ref={ref(`${item.id}:up`)}
                      type="button"
                      aria-disabled={pending}
                      onClick={() => move(item, "up")}
                      aria-label={`Move up: ${item.teamName}`}
                      className="button-secondary cursor-pointer"
                    >
                      Move up
                    </button>
                  ) : null}
                  {index < rows.length - 1 ? (
                    <button
                      ref={ref(`${item.id}:down`)}
                      type="button"
                      aria-disabled={pending}
                      onClick={() => move(item, "down")}
                      aria-label={`Move down: ${item.teamName}`}
                      className="button-secondary cursor-pointer"
                    >
                      Move down
                    </button>
                  ) : null}
                </div>
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
