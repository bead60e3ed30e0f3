-- CreateIndex
CREATE INDEX "Participant_referralDate_studyId_idx" ON "Participant"("referralDate" DESC, "studyId" DESC);

