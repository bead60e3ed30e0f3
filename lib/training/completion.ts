// Whether an agency's staff have completed training: every active supervisor and worker attended
// every training day their role needs. The researcher's move from "in training" to "recruiting"
// asks this inside its transaction, so the move and the check see the same bookings.
import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { hasCompleted, requiredDays, TRAINEE_ROLES, type TrainingSettings } from "./rules";

export type TrainingCompletion = { trainees: number; completed: number; notCompleted: string[] };

export async function agencyTrainingCompletion(
  tx: Prisma.TransactionClient,
  agencyId: string,
  settings: TrainingSettings,
): Promise<TrainingCompletion> {
  const people = await tx.user.findMany({
    where: { agencyId, deactivatedAt: null, agencyRole: { in: [...TRAINEE_ROLES] } },
    orderBy: { name: "asc" },
    select: {
      name: true,
      agencyRole: true,
      bookings: { select: { status: true, session: { select: { trainingDay: true, startsAt: true } } } },
    },
  });
  const notCompleted = people
    .filter(
      (person) =>
        !hasCompleted(
          requiredDays(person.agencyRole!, settings),
          person.bookings.map((booking) => ({ status: booking.status, ...booking.session })),
        ),
    )
    .map((person) => person.name);
  return { trainees: people.length, completed: people.length - notCompleted.length, notCompleted };
}

/** Why an agency cannot start recruiting yet, or null when all its trainees have completed. */
export function recruitmentGateRefusal(teamName: string, completion: TrainingCompletion): string | null {
  if (completion.trainees === 0) {
    return `${teamName} has no supervisors or workers on its staff list, so nobody has completed training yet. The agency adds its staff on its Staff page.`;
  }
  if (completion.notCompleted.length === 0) return null;
  const names = completion.notCompleted;
  const listed = names.length <= 5 ? names.join(", ") : `${names.slice(0, 5).join(", ")} and ${names.length - 5} more`;
  return `${teamName} cannot start recruiting yet: ${completion.completed} of ${completion.trainees} staff have completed training. Still to complete every day their role needs: ${listed}.`;
}
