"use client";

// Moving one agency to another stage, with the reason kept in its history. The list offers only
// the moves the table in lib/selection/transitions.ts allows from the agency's stage. Choosing
// "Selected" when every place is taken says so at once; the server counts again and decides.
// A move to "Withdrawn" leaves no move to offer, and the form goes: so the answer sits above it, in
// a message area that stays in the page and takes focus after each move (WCAG 2.4.3, 4.1.3), and
// this component says itself that nothing can be changed any more, so that it keeps the message.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { FormError, SelectField, StatusMessage, TextAreaField, useActionForm } from "@/components/form";
import { lazyZodResolver } from "@/components/lazy-resolver";
import { stageLabel } from "@/lib/agencies/stages";
import type { AgencyStage } from "@/lib/generated/prisma/client";
import { moveAgencyStageAction } from "@/lib/selection/actions";
import { REASON_MAX } from "@/lib/selection/limits";
import type { MoveStageInput, MoveStageValues } from "@/lib/selection/schema";

// The schema (and zod with it) loads after the page: the form needs it only when it is checked.
const resolver = lazyZodResolver(() => import("@/lib/selection/schema").then((schemas) => schemas.moveStageSchema));

const UNAVAILABLE = "We could not move the agency just now. Nothing was changed; please try again in a few minutes.";

type Props = {
  agencyId: string;
  moves: readonly AgencyStage[];
  places: { taken: number; cap: number };
};

function placesFull({ taken, cap }: Props["places"]): string {
  const full = cap === 1 ? "The study's only place is taken" : `All ${cap} places are taken`;
  return `${full} (${taken} ${taken === 1 ? "agency is" : "agencies are"} selected or further along), so this agency cannot be selected now. Move a selected agency to the reserve list or withdraw it first, or choose another stage.`;
}

export function StageMoveForm({ agencyId, moves, places }: Props) {
  const router = useRouter();
  const [status, setStatus] = useState<string | null>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  // Bumped after each move, so that the same message twice still moves focus.
  const [movesMade, setMovesMade] = useState(0);
  const empty = { agencyId, to: "" as MoveStageInput["to"], reason: "" };
  const form = useForm<MoveStageInput, unknown, MoveStageValues>({
    resolver,
    defaultValues: empty,
  });
  const {
    register,
    reset,
    control,
    formState: { errors, isSubmitting },
  } = form;
  const to = useWatch({ control, name: "to" });
  useEffect(() => {
    if (movesMade > 0) messageRef.current?.focus();
  }, [movesMade]);
  const { formError, onSubmit } = useActionForm(form, {
    action(values) {
      setStatus(null);
      return moveAgencyStageAction(values);
    },
    fields: ["to", "reason"],
    unavailable: UNAVAILABLE,
    onSuccess(answer) {
      reset(empty);
      setStatus(answer.message);
      setMovesMade((count) => count + 1);
      router.refresh();
    },
  });
  const full = to === "SELECTED" && places.taken >= places.cap;

  return (
    <div className="max-w-xl space-y-6">
      <div ref={messageRef} tabIndex={-1} className="space-y-2">
        <FormError message={formError} />
        <StatusMessage message={status} />
      </div>
      {moves.length === 0 ? (
        <p>A withdrawn agency stays withdrawn: its stage can no longer be changed.</p>
      ) : (
        <form method="post" onSubmit={onSubmit} noValidate className="space-y-6">
          <input type="hidden" {...register("agencyId")} />
          <div className="space-y-2">
            <SelectField id="move-to" label="Move to" className="w-auto" error={errors.to?.message} {...register("to")}>
              <option value="">Choose a stage</option>
              {moves.map((stage) => (
                <option key={stage} value={stage}>
                  {stageLabel(stage)}
                </option>
              ))}
            </SelectField>
            <div aria-live="polite">
              {full ? (
                <p className="border-danger text-danger rounded-md border-l-4 p-3 font-semibold">
                  {placesFull(places)}
                </p>
              ) : null}
            </div>
          </div>
          <TextAreaField
            id="move-reason"
            label="Why the agency moves"
            hint={`The reason is kept in the agency's stage history and the audit trail; it is not sent to the agency. At most ${REASON_MAX} characters.`}
            rows={3}
            error={errors.reason?.message}
            {...register("reason")}
          />
          <button type="submit" aria-disabled={isSubmitting} className="button-primary cursor-pointer">
            {isSubmitting ? "Moving…" : "Move agency"}
          </button>
        </form>
      )}
    </div>
  );
}
