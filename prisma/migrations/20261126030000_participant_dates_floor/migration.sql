-- No participant's step happened before the study could have started (EARLIEST_DATE in
-- lib/recruitment/rules.ts): a date before it is a typing mistake or a date of birth. Every other date
-- is on or after the referral date (Participant_dates_in_order), so the floor on it holds for all.
-- Hand-written: Prisma's schema has no CHECK constraints.
ALTER TABLE "Participant" ADD CONSTRAINT "Participant_dates_from_study_start" CHECK ("referralDate" >= DATE '2020-01-01');
