"use client";

// A researcher sets an agency's own participant target, or leaves the box blank so that the agency
// shares out the study target with the others. The browser checks the number with the same schema
// as the server; the answer says the new target, and warns when the agencies' own targets add up
// to more than the study target. Focus goes to the answer, or to what needs fixing.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { Field, FormError, useActionForm } from "@/components/form";
import { lazyZodResolver } from "@/components/lazy-resolver";
import { setAgencyTargetResearcherAction } from "@/lib/recruitment/researcher-actions";
import type { z } from "zod";
import type { agencyTargetSchema, AgencyTargetInput } from "@/lib/recruitment/schema";
import { TARGET_MAX } from "@/lib/recruitment/steps";

type Values = z.output<typeof agencyTargetSchema>;

const resolver = lazyZodResolver(() =>
  import("@/lib/recruitment/schema").then((schemas) => schemas.agencyTargetSchema),
);

const UNAVAILABLE = "We could not save the target just now. Nothing was changed; please try again in a few minutes.";

type Props = {
  agencyId: string;
  /** The agency's own target, or null when it shares out the study target. */
  ownTarget: number | null;
};

export function AgencyTargetForm({ agencyId, ownTarget }: Props) {
  const router = useRouter();
  const [answer, setAnswer] = useState<{ message: string; warning?: string } | null>(null);
  const answerBox = useRef<HTMLDivElement>(null);
  const form = useForm<AgencyTargetInput, unknown, Values>({
    resolver,
    defaultValues: { agencyId, target: ownTarget === null ? "" : String(ownTarget) },
  });
  const {
    register,
    reset,
    formState: { errors, isSubmitting },
  } = form;
  const { formError, onSubmit } = useActionForm(form, {
    action(values) {
      setAnswer(null);
      return setAgencyTargetResearcherAction(values);
    },
    fields: ["target"],
    unavailable: UNAVAILABLE,
    onSuccess(result, values) {
      reset({ agencyId, target: values.target === null ? "" : String(values.target) });
      setAnswer({ message: result.message, warning: result.warning });
      router.refresh();
    },
  });

  useEffect(() => {
    if (answer) answerBox.current?.focus();
  }, [answer]);

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="max-w-xl space-y-6">
      <FormError message={formError} />
      <div ref={answerBox} tabIndex={-1} role="status" className="space-y-2">
        {answer ? (
          <>
            <p className="border-brand-700 bg-brand-50 rounded-md border-l-4 p-4 font-semibold">{answer.message}</p>
            {answer.warning ? (
              <p className="border-danger bg-danger-50 rounded-md border-l-4 p-4">
                <span className="font-semibold">Check: </span>
                {answer.warning}
              </p>
            ) : null}
          </>
        ) : null}
      </div>
      <input type="hidden" {...register("agencyId")} />
      <Field
        id="agency-target"
        label="Own participant target"
        hint={`A whole number from 0 to ${TARGET_MAX}. Leave it blank to give the agency its share of the study target instead.`}
        inputMode="numeric"
        autoComplete="off"
        error={errors.target?.message}
        {...register("target")}
      />
      <button type="submit" aria-disabled={isSubmitting} className="button-primary cursor-pointer">
        {isSubmitting ? "Saving…" : "Save the target"}
      </button>
    </form>
  );
}
