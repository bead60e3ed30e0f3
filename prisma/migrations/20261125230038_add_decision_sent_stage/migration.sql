-- AlterTable
ALTER TABLE "Agency" ADD COLUMN     "decisionSentStage" "AgencyStage";


-- Hand-written: the decision an agency was told is always one of the three decisions.
ALTER TABLE "Agency" ADD CONSTRAINT "Agency_decision_sent_is_a_decision" CHECK (
  "decisionSentStage" IS NULL OR "decisionSentStage" IN ('SELECTED', 'RESERVE', 'NOT_SELECTED')
);

-- Hand-written: an agency has a place on the reserve list exactly while it is on the reserve list.
-- Existing rows are put right first: ranks off the list are cleared, and agencies on the list
-- without a rank go after the ranked ones, oldest first.
UPDATE "Agency" SET "reserveRank" = NULL WHERE "stage" <> 'RESERVE' AND "reserveRank" IS NOT NULL;
UPDATE "Agency" AS a SET "reserveRank" = ranked.rank
FROM (
  SELECT "id", COALESCE((SELECT max("reserveRank") FROM "Agency" WHERE "stage" = 'RESERVE'), 0)
    + row_number() OVER (ORDER BY "createdAt", "id") AS rank
  FROM "Agency" WHERE "stage" = 'RESERVE' AND "reserveRank" IS NULL
) AS ranked
WHERE a."id" = ranked."id";
ALTER TABLE "Agency" ADD CONSTRAINT "Agency_reserve_rank_only_on_reserve" CHECK (
  ("stage" = 'RESERVE') = ("reserveRank" IS NOT NULL)
);
