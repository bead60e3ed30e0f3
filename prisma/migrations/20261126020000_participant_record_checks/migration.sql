-- A participant's record holds what its status says happened (issue 7): nothing half-written can be
-- stored even by a bug or a hand-written UPDATE. Hand-written: Prisma's schema has no CHECK constraints.

-- Each status carries the dates, reasons and measures of the steps that led to it.
ALTER TABLE "Participant" ADD CONSTRAINT "Participant_status_has_its_record" CHECK (
  ("status" <> 'NOT_ELIGIBLE' OR ("screenedDate" IS NOT NULL AND "ineligibleReason" IS NOT NULL))
  AND ("status" NOT IN ('ELIGIBLE', 'CONSENTED', 'DECLINED', 'BASELINE_DONE', 'FOLLOW_UP_DONE') OR "screenedDate" IS NOT NULL)
  AND ("status" NOT IN ('CONSENTED', 'BASELINE_DONE', 'FOLLOW_UP_DONE') OR "consentDate" IS NOT NULL)
  AND ("status" <> 'DECLINED' OR ("declinedDate" IS NOT NULL AND "declineReason" IS NOT NULL))
  AND ("status" NOT IN ('BASELINE_DONE', 'FOLLOW_UP_DONE') OR ("baselineDate" IS NOT NULL AND cardinality("baselineMeasures") > 0))
  AND ("status" <> 'FOLLOW_UP_DONE' OR ("followUpDate" IS NOT NULL AND cardinality("followUpMeasures") > 0))
  AND ("status" <> 'WITHDRAWN' OR ("withdrawnDate" IS NOT NULL AND "withdrawalReason" IS NOT NULL AND "keepDataOnWithdrawal" IS NOT NULL))
  AND ("status" <> 'LOST_TO_FOLLOW_UP' OR ("lostDate" IS NOT NULL AND "lostReason" IS NOT NULL))
);

-- Steps happen in order: no date before the referral, none before the step it follows.
ALTER TABLE "Participant" ADD CONSTRAINT "Participant_dates_in_order" CHECK (
  ("screenedDate" IS NULL OR "screenedDate" >= "referralDate")
  AND ("consentDate" IS NULL OR "consentDate" >= COALESCE("screenedDate", "referralDate"))
  AND ("declinedDate" IS NULL OR "declinedDate" >= COALESCE("screenedDate", "referralDate"))
  AND ("baselineDate" IS NULL OR "baselineDate" >= COALESCE("consentDate", "screenedDate", "referralDate"))
  AND ("followUpDate" IS NULL OR "followUpDate" >= COALESCE("baselineDate", "consentDate", "screenedDate", "referralDate"))
  AND ("withdrawnDate" IS NULL OR "withdrawnDate" >= "referralDate")
  AND ("lostDate" IS NULL OR "lostDate" >= COALESCE("baselineDate", "referralDate"))
);

-- The follow-up notifier looks for participants at baseline who have not been told about yet.
CREATE INDEX "Participant_follow_up_to_notify_idx" ON "Participant" ("baselineDate")
  WHERE "status" = 'BASELINE_DONE' AND "followUpDueNotifiedAt" IS NULL;
