// The study's training days (Study.workerTrainingDays, Study.supervisorExtraDays), or the ones the
// call announced before the study is set up. One reader for every page, export and rule that needs them.
import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { STUDY_DEFAULTS } from "@/lib/study/defaults";
import type { TrainingSettings } from "./rules";

type Reader = Pick<Prisma.TransactionClient, "study">;

export async function loadTrainingSettings(client: Reader = db): Promise<TrainingSettings> {
  const study = await client.study.findUnique({
    where: { id: 1 },
    select: { workerTrainingDays: true, supervisorExtraDays: true },
  });
  return (
    study ?? {
      workerTrainingDays: STUDY_DEFAULTS.workerTrainingDays,
      supervisorExtraDays: STUDY_DEFAULTS.supervisorExtraDays,
    }
  );
}
