-- CreateEnum
CREATE TYPE "Role" AS ENUM ('RESEARCHER', 'AGENCY_STAFF');

-- CreateEnum
CREATE TYPE "AgencyRole" AS ENUM ('LEAD', 'SUPERVISOR', 'WORKER');

-- CreateEnum
CREATE TYPE "AgencyStage" AS ENUM ('DRAFT', 'SUBMITTED', 'UNDER_REVIEW', 'SHORTLISTED', 'SELECTED', 'RESERVE', 'NOT_SELECTED', 'TRAINING', 'RECRUITING', 'FOLLOW_UP', 'COMPLETED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "Sector" AS ENUM ('NHS', 'LOCAL_AUTHORITY', 'VOLUNTARY', 'INDEPENDENT');

-- CreateEnum
CREATE TYPE "ClientGroup" AS ENUM ('MENTAL_HEALTH_WORKING_AGE', 'MENTAL_HEALTH_OLDER_ADULTS', 'LEARNING_DISABILITY');

-- CreateEnum
CREATE TYPE "Region" AS ENUM ('NORTH_EAST', 'NORTH_WEST', 'YORKSHIRE_AND_THE_HUMBER', 'EAST_MIDLANDS', 'WEST_MIDLANDS', 'EAST_OF_ENGLAND', 'LONDON', 'SOUTH_EAST', 'SOUTH_WEST');

-- CreateEnum
CREATE TYPE "QuestionnaireStatus" AS ENUM ('DRAFT', 'SUBMITTED');

-- CreateEnum
CREATE TYPE "TokenPurpose" AS ENUM ('INVITATION', 'PASSWORD_RESET');

-- CreateEnum
CREATE TYPE "TrainingDay" AS ENUM ('WORKER_1', 'WORKER_2', 'WORKER_3', 'SUPERVISOR_1', 'SUPERVISOR_2');

-- CreateEnum
CREATE TYPE "SessionStatus" AS ENUM ('SCHEDULED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "BookingStatus" AS ENUM ('BOOKED', 'WAITLISTED', 'CANCELLED', 'ATTENDED', 'ABSENT');

-- CreateEnum
CREATE TYPE "Subgroup" AS ENUM ('ADULT_MENTAL_HEALTH', 'OLDER_ADULT_MENTAL_HEALTH', 'LEARNING_DISABILITY');

-- CreateEnum
CREATE TYPE "ParticipantStatus" AS ENUM ('REFERRED', 'ELIGIBLE', 'NOT_ELIGIBLE', 'CONSENTED', 'DECLINED', 'BASELINE_DONE', 'FOLLOW_UP_DONE', 'WITHDRAWN', 'LOST_TO_FOLLOW_UP');

-- CreateEnum
CREATE TYPE "Measure" AS ENUM ('RESOURCE_GENERATOR_UK', 'WEMWBS', 'SCOPE', 'EQ_5D');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- CreateTable
CREATE TABLE "Study" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "name" TEXT NOT NULL,
    "questionnaireDeadline" TIMESTAMPTZ(3) NOT NULL,
    "agenciesToSelect" INTEGER NOT NULL DEFAULT 12,
    "workerTrainingDays" INTEGER NOT NULL DEFAULT 3,
    "supervisorExtraDays" INTEGER NOT NULL DEFAULT 2,
    "followUpMonths" INTEGER NOT NULL DEFAULT 9,
    "followUpWindowDays" INTEGER NOT NULL DEFAULT 28,
    "participantTarget" INTEGER NOT NULL DEFAULT 240,
    "decisionsConfirmedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Study_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "role" "Role" NOT NULL,
    "agencyId" UUID,
    "agencyRole" "AgencyRole",
    "sessionVersion" INTEGER NOT NULL DEFAULT 0,
    "deactivatedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UserToken" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "purpose" "TokenPurpose" NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "userId" UUID,
    "role" "Role",
    "agencyId" UUID,
    "agencyRole" "AgencyRole",
    "issuedById" UUID,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UserToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Agency" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "code" SERIAL NOT NULL,
    "organisation" TEXT NOT NULL,
    "teamName" TEXT NOT NULL,
    "sector" "Sector",
    "clientGroups" "ClientGroup"[],
    "region" "Region",
    "address" TEXT,
    "contactName" TEXT,
    "contactRole" TEXT,
    "contactEmail" TEXT,
    "contactPhone" TEXT,
    "stage" "AgencyStage" NOT NULL DEFAULT 'DRAFT',
    "participantTarget" INTEGER,
    "reserveRank" INTEGER,
    "decisionSentAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Agency_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StageChange" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "agencyId" UUID NOT NULL,
    "fromStage" "AgencyStage",
    "toStage" "AgencyStage" NOT NULL,
    "byId" UUID,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reason" TEXT NOT NULL,

    CONSTRAINT "StageChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExpressionOfInterest" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "agencyId" UUID NOT NULL,
    "status" "QuestionnaireStatus" NOT NULL DEFAULT 'DRAFT',
    "answers" JSONB NOT NULL DEFAULT '{}',
    "submittedAnswers" JSONB,
    "submittedAt" TIMESTAMPTZ(3),
    "reopenedAt" TIMESTAMPTZ(3),
    "reopenedUntil" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ExpressionOfInterest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Review" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "agencyId" UUID NOT NULL,
    "reviewerId" UUID NOT NULL,
    "similarityScore" INTEGER NOT NULL,
    "similarityNote" TEXT NOT NULL DEFAULT '',
    "trainingCapacityScore" INTEGER NOT NULL,
    "trainingCapacityNote" TEXT NOT NULL DEFAULT '',
    "recruitmentCapacityScore" INTEGER NOT NULL,
    "recruitmentCapacityNote" TEXT NOT NULL DEFAULT '',
    "clientGroupFitScore" INTEGER NOT NULL,
    "clientGroupFitNote" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingSession" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "trainingDay" "TrainingDay" NOT NULL,
    "startsAt" TIMESTAMPTZ(3) NOT NULL,
    "endsAt" TIMESTAMPTZ(3) NOT NULL,
    "venue" TEXT,
    "address" TEXT,
    "onlineUrl" TEXT,
    "trainer" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "notes" TEXT NOT NULL DEFAULT '',
    "status" "SessionStatus" NOT NULL DEFAULT 'SCHEDULED',
    "cancelledAt" TIMESTAMPTZ(3),
    "cancelReason" TEXT,
    "icsSequence" INTEGER NOT NULL DEFAULT 0,
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "TrainingSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Booking" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "sessionId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "status" "BookingStatus" NOT NULL,
    "waitlistPosition" INTEGER,
    "bookedById" UUID,
    "attendanceMarkedById" UUID,
    "attendanceMarkedAt" TIMESTAMPTZ(3),
    "reminderSentAt" TIMESTAMPTZ(3),
    "cancelledAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Booking_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Participant" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "studyId" TEXT NOT NULL,
    "agencyId" UUID NOT NULL,
    "sequence" INTEGER NOT NULL,
    "workerId" UUID,
    "subgroup" "Subgroup" NOT NULL,
    "isNewReferral" BOOLEAN NOT NULL,
    "status" "ParticipantStatus" NOT NULL DEFAULT 'REFERRED',
    "referralDate" DATE NOT NULL,
    "screenedDate" DATE,
    "ineligibleReason" TEXT,
    "consentDate" DATE,
    "declinedDate" DATE,
    "declineReason" TEXT,
    "baselineDate" DATE,
    "baselineMeasures" "Measure"[],
    "followUpDate" DATE,
    "followUpMeasures" "Measure"[],
    "withdrawnDate" DATE,
    "withdrawalReason" TEXT,
    "keepDataOnWithdrawal" BOOLEAN,
    "lostDate" DATE,
    "lostReason" TEXT,
    "followUpDueNotifiedAt" TIMESTAMPTZ(3),
    "createdById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Participant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxEmail" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT,
    "icsContent" TEXT,
    "icsMethod" TEXT,
    "kind" TEXT NOT NULL,
    "dedupeKey" TEXT,
    "status" "OutboxStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "sentAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxEmail_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "actorId" UUID,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_agencyId_idx" ON "User"("agencyId");

-- CreateIndex
CREATE UNIQUE INDEX "UserToken_tokenHash_key" ON "UserToken"("tokenHash");

-- CreateIndex
CREATE INDEX "UserToken_email_purpose_idx" ON "UserToken"("email", "purpose");

-- CreateIndex
CREATE INDEX "UserToken_agencyId_idx" ON "UserToken"("agencyId");

-- CreateIndex
CREATE UNIQUE INDEX "Agency_code_key" ON "Agency"("code");

-- CreateIndex
CREATE INDEX "Agency_stage_idx" ON "Agency"("stage");

-- CreateIndex
CREATE INDEX "Agency_region_idx" ON "Agency"("region");

-- CreateIndex
CREATE INDEX "StageChange_agencyId_at_idx" ON "StageChange"("agencyId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "ExpressionOfInterest_agencyId_key" ON "ExpressionOfInterest"("agencyId");

-- CreateIndex
CREATE INDEX "ExpressionOfInterest_status_idx" ON "ExpressionOfInterest"("status");

-- CreateIndex
CREATE INDEX "Review_reviewerId_idx" ON "Review"("reviewerId");

-- CreateIndex
CREATE UNIQUE INDEX "Review_agencyId_reviewerId_key" ON "Review"("agencyId", "reviewerId");

-- CreateIndex
CREATE INDEX "TrainingSession_startsAt_idx" ON "TrainingSession"("startsAt");

-- CreateIndex
CREATE INDEX "TrainingSession_trainingDay_startsAt_idx" ON "TrainingSession"("trainingDay", "startsAt");

-- CreateIndex
CREATE INDEX "Booking_userId_status_idx" ON "Booking"("userId", "status");

-- CreateIndex
CREATE INDEX "Booking_sessionId_status_idx" ON "Booking"("sessionId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Booking_sessionId_userId_key" ON "Booking"("sessionId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "Participant_studyId_key" ON "Participant"("studyId");

-- CreateIndex
CREATE INDEX "Participant_agencyId_status_idx" ON "Participant"("agencyId", "status");

-- CreateIndex
CREATE INDEX "Participant_status_baselineDate_idx" ON "Participant"("status", "baselineDate");

-- CreateIndex
CREATE UNIQUE INDEX "Participant_agencyId_sequence_key" ON "Participant"("agencyId", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxEmail_dedupeKey_key" ON "OutboxEmail"("dedupeKey");

-- CreateIndex
CREATE INDEX "OutboxEmail_status_nextAttemptAt_idx" ON "OutboxEmail"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxEmail_createdAt_idx" ON "OutboxEmail"("createdAt");

-- CreateIndex
CREATE INDEX "AuditEvent_entity_entityId_at_idx" ON "AuditEvent"("entity", "entityId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_idx" ON "AuditEvent"("actorId");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserToken" ADD CONSTRAINT "UserToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserToken" ADD CONSTRAINT "UserToken_issuedById_fkey" FOREIGN KEY ("issuedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserToken" ADD CONSTRAINT "UserToken_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StageChange" ADD CONSTRAINT "StageChange_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StageChange" ADD CONSTRAINT "StageChange_byId_fkey" FOREIGN KEY ("byId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExpressionOfInterest" ADD CONSTRAINT "ExpressionOfInterest_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingSession" ADD CONSTRAINT "TrainingSession_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "TrainingSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_bookedById_fkey" FOREIGN KEY ("bookedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_attendanceMarkedById_fkey" FOREIGN KEY ("attendanceMarkedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Participant" ADD CONSTRAINT "Participant_agencyId_fkey" FOREIGN KEY ("agencyId") REFERENCES "Agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Participant" ADD CONSTRAINT "Participant_workerId_fkey" FOREIGN KEY ("workerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Participant" ADD CONSTRAINT "Participant_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written below: rules Prisma's schema language cannot express. The drift test compares
-- tables, columns, keys, indexes and enums with the schema; these are tested on their own.

-- The study's settings are one row.
ALTER TABLE "Study" ADD CONSTRAINT "Study_single_row" CHECK ("id" = 1);
ALTER TABLE "Study" ADD CONSTRAINT "Study_settings_in_range" CHECK (
  "agenciesToSelect" > 0 AND "workerTrainingDays" > 0 AND "supervisorExtraDays" >= 0
  AND "followUpMonths" > 0 AND "followUpWindowDays" >= 0 AND "participantTarget" > 0
);

-- Emails are stored lower-cased, which makes the unique index on "email" case-insensitive.
ALTER TABLE "User" ADD CONSTRAINT "User_email_lowercase" CHECK ("email" = lower("email"));
ALTER TABLE "UserToken" ADD CONSTRAINT "UserToken_email_lowercase" CHECK ("email" = lower("email"));

-- Researchers belong to no agency; agency staff belong to exactly one, with a role in it.
ALTER TABLE "User" ADD CONSTRAINT "User_role_matches_agency" CHECK (
  ("role" = 'RESEARCHER' AND "agencyId" IS NULL AND "agencyRole" IS NULL)
  OR ("role" = 'AGENCY_STAFF' AND "agencyId" IS NOT NULL AND "agencyRole" IS NOT NULL)
);

ALTER TABLE "Agency" ADD CONSTRAINT "Agency_target_not_negative" CHECK ("participantTarget" IS NULL OR "participantTarget" >= 0);
ALTER TABLE "Agency" ADD CONSTRAINT "Agency_reserve_rank_positive" CHECK ("reserveRank" IS NULL OR "reserveRank" > 0);

ALTER TABLE "Review" ADD CONSTRAINT "Review_scores_1_to_5" CHECK (
  "similarityScore" BETWEEN 1 AND 5 AND "trainingCapacityScore" BETWEEN 1 AND 5
  AND "recruitmentCapacityScore" BETWEEN 1 AND 5 AND "clientGroupFitScore" BETWEEN 1 AND 5
);

ALTER TABLE "TrainingSession" ADD CONSTRAINT "TrainingSession_ends_after_start" CHECK ("endsAt" > "startsAt");
ALTER TABLE "TrainingSession" ADD CONSTRAINT "TrainingSession_capacity_positive" CHECK ("capacity" > 0);

-- A place on the waiting list has a position; any other booking has none.
ALTER TABLE "Booking" ADD CONSTRAINT "Booking_waitlist_position" CHECK (
  ("status" = 'WAITLISTED') = ("waitlistPosition" IS NOT NULL)
);

ALTER TABLE "Participant" ADD CONSTRAINT "Participant_sequence_positive" CHECK ("sequence" > 0);
ALTER TABLE "Participant" ADD CONSTRAINT "Participant_study_id_format" CHECK ("studyId" ~ '^CP-[0-9]{2,}-[0-9]{4,}$');

ALTER TABLE "OutboxEmail" ADD CONSTRAINT "OutboxEmail_attempts_not_negative" CHECK ("attempts" >= 0);

-- The audit trail is append-only: no row is ever changed or removed.
CREATE FUNCTION "audit_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER "AuditEvent_no_update_or_delete" BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();
CREATE TRIGGER "AuditEvent_no_truncate" BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_append_only"();
