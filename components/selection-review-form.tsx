"use client";

// A researcher's own review of one agency: a score from 1 to 5 on each written criterion, with a
// note. One review per researcher and agency, changed by saving again. The scores are native radio
// buttons in one group per criterion, so the arrow keys move between them; the browser checks the
// answers with the server's schema before sending.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, type FieldErrors, type UseFormRegister } from "react-hook-form";
import { FormError, StatusMessage, TextAreaField, useActionForm } from "@/components/form";
import { lazyZodResolver } from "@/components/lazy-resolver";
import { saveReviewAction } from "@/lib/selection/actions";
import { NOTE_MAX } from "@/lib/selection/limits";
import type { ReviewInput, ReviewValues } from "@/lib/selection/schema";
import { CRITERIA, CRITERION_KEYS, SCORE_WORDS, type CriterionKey, type ReviewScores } from "@/lib/selection/scores";

const UNAVAILABLE = "We could not save your review just now. Nothing was changed; please try again in a few minutes.";

const SCORES = [1, 2, 3, 4, 5] as const;

// The schema (and zod with it) loads after the page: the form needs it only when it is checked.
const resolver = lazyZodResolver(() => import("@/lib/selection/schema").then((schemas) => schemas.reviewSchema));

type Criterion = (typeof CRITERIA)[number];

type Props = {
  agencyId: string;
  /** The researcher's saved review, which fills the form; null before their first. */
  own: { scores: ReviewScores; notes: Record<CriterionKey, string> } | null;
};

const scoreName = (key: CriterionKey) => `${key}Score` as const;
const noteName = (key: CriterionKey) => `${key}Note` as const;

/** The form's fields in the page's order: the first one the server finds a problem with takes focus. */
const FIELDS = CRITERION_KEYS.flatMap((key) => [scoreName(key), noteName(key)]);

function defaultsFrom(agencyId: string, own: Props["own"]): ReviewInput {
  const values: Record<string, string> = { agencyId };
  for (const key of CRITERION_KEYS) {
    // Radio buttons hold their value as text: "4" is checked when the saved score is 4.
    values[scoreName(key)] = own ? String(own.scores[key]) : "";
    values[noteName(key)] = own?.notes[key] ?? "";
  }
  return values as ReviewInput;
}

export function SelectionReviewForm({ agencyId, own }: Props) {
  const router = useRouter();
  const [status, setStatus] = useState<string | null>(null);
  const form = useForm<ReviewInput, unknown, ReviewValues>({
    resolver,
    defaultValues: defaultsFrom(agencyId, own),
  });
  const {
    register,
    formState: { errors, isSubmitting },
  } = form;
  const { formError, onSubmit } = useActionForm(form, {
    action(values) {
      setStatus(null);
      return saveReviewAction(values);
    },
    fields: FIELDS,
    unavailable: UNAVAILABLE,
    onSuccess(answer) {
      setStatus(answer.message);
      router.refresh();
    },
  });

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="max-w-3xl space-y-6">
      <FormError message={formError} />
      <StatusMessage message={status} />
      <input type="hidden" {...register("agencyId")} />
      <p>
        Score each criterion from 1 (very poor) to 5 (excellent), and note why. The other researchers see your scores
        and notes; the agency does not.
      </p>
      {CRITERIA.map((criterion) => (
        <CriterionFields key={criterion.key} criterion={criterion} register={register} errors={errors} />
      ))}
      <button type="submit" aria-disabled={isSubmitting} className="button-primary cursor-pointer">
        {isSubmitting ? "Saving…" : own ? "Update your review" : "Save your review"}
      </button>
    </form>
  );
}

function CriterionFields({
  criterion,
  register,
  errors,
}: {
  criterion: Criterion;
  register: UseFormRegister<ReviewInput>;
  errors: FieldErrors<ReviewInput>;
}) {
  const id = `review-${criterion.key}`;
  const scoreError = errors[scoreName(criterion.key)]?.message;
  const noteError = errors[noteName(criterion.key)]?.message;
  const describedBy = [`${id}-description`, scoreError ? `${id}-score-error` : null].filter(Boolean).join(" ");
  return (
    <fieldset aria-describedby={`${id}-description`} className="border-line space-y-4 rounded-md border p-4">
      <legend className="px-1 text-lg font-bold">{criterion.label}</legend>
      <p id={`${id}-description`} className="text-muted">
        {criterion.description}
      </p>
      {scoreError ? (
        <p id={`${id}-score-error`} className="text-danger font-semibold">
          <span className="sr-only">Error: </span>
          {scoreError}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {SCORES.map((score) => (
          <label
            key={score}
            htmlFor={`${id}-score-${score}`}
            className="border-muted has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50 flex min-h-11 cursor-pointer items-center gap-2 rounded-md border-2 px-3 has-[:checked]:font-semibold"
          >
            <input
              id={`${id}-score-${score}`}
              type="radio"
              value={String(score)}
              className="size-6 shrink-0 accent-[var(--color-brand-700)]"
              aria-describedby={describedBy}
              {...register(scoreName(criterion.key))}
            />
            <span>{SCORE_WORDS[score]}</span>
          </label>
        ))}
      </div>
      <TextAreaField
        id={`${id}-note`}
        label={`Note on “${criterion.label}” (optional)`}
        hint={`What the score rests on, for the other reviewers. At most ${NOTE_MAX} characters.`}
        rows={3}
        className="border-muted text-ink aria-invalid:border-danger block w-full max-w-2xl rounded-md border-2 bg-white px-3 py-2 text-base"
        error={noteError}
        {...register(noteName(criterion.key))}
      />
    </fieldset>
  );
}
