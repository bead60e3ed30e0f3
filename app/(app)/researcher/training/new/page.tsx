import type { Metadata } from "next";
import Link from "next/link";
import { TrainingSessionForm } from "@/components/training-session-form";
import { requireRole } from "@/lib/auth/session";

// Publishing a training session: once saved, supervisors of selected agencies can book it.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  await requireRole("RESEARCHER");
  return { title: "Publish a training session" };
}

export default async function PublishTrainingSessionPage() {
  await requireRole("RESEARCHER");
  return (
    <div className="space-y-8">
      <p>
        <Link href="/researcher/training">Back to the training sessions</Link>
      </p>
      <div className="space-y-2">
        <h1 className="text-3xl font-bold">Publish a training session</h1>
        <p className="max-w-2xl">
          Each session is one training day. Once it is published, supervisors of the selected agencies can book
          themselves and their workers onto it, up to the number of places; after that they can join its waiting list.
        </p>
      </div>
      <TrainingSessionForm mode="create" />
    </div>
  );
}
