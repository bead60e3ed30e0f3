import type { Metadata } from "next";
import { StudySettingsForm } from "@/components/study-settings-form";
import { requireRole } from "@/lib/auth/session";
import { formatUkDateTime, toUkInputValues } from "@/lib/dates";
import { getStudySettingsForEditing } from "@/lib/study/queries";

export const dynamic = "force-dynamic";

// The role check runs here too: Next resolves metadata apart from rendering.
export async function generateMetadata(): Promise<Metadata> {
  await requireRole("RESEARCHER");
  return { title: "Study settings" };
}

export default async function StudySettingsPage() {
  await requireRole("RESEARCHER");
  const { settings, agenciesSelected, questionnaireClosed: closed, readAt } = await getStudySettingsForEditing();
  const deadline = settings.questionnaireDeadline;
  const inputs = deadline ? toUkInputValues(deadline) : { date: "", time: "" };

  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <h1 className="text-3xl font-bold">Study settings</h1>
        <p className="max-w-2xl">
          {deadline ? (
            <>
              The questionnaire {closed ? "closed" : "closes"} on <strong>{formatUkDateTime(deadline)}</strong> (UK
              time).
            </>
          ) : (
            "The study has not been set up yet: choose the closing date of the questionnaire and save."
          )}
        </p>
        <p className="text-muted max-w-2xl">
          Every change is kept in the audit trail. When the closing date changes, the leads of agencies that have not
          submitted yet are emailed the new date.
        </p>
      </div>

      <StudySettingsForm
        agenciesSelected={agenciesSelected}
        serverNow={readAt.getTime()}
        initialValues={{
          deadlineDate: inputs.date,
          deadlineTime: inputs.time,
          agenciesToSelect: String(settings.agenciesToSelect),
          workerTrainingDays: String(settings.workerTrainingDays),
          supervisorExtraDays: String(settings.supervisorExtraDays),
          followUpMonths: String(settings.followUpMonths),
          followUpWindowDays: String(settings.followUpWindowDays),
          participantTarget: String(settings.participantTarget),
          confirmCloseNow: false,
        }}
      />
    </div>
  );
}
