"use client";

// Moving one agency to another stage, with the reason kept in its history. The list offers only
// the moves the table in lib/selection/transitions.ts allows from the agency's stage. Choosing
// "Selected" when every place is taken says so at once; the server counts again and decides.
import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { FormError, SelectField, StatusMessage, TextAreaField, useActionForm } from "@/components/form";
import { stageLabel } from "@/lib/agencies/stages";
import type { AgencyStage } from "@/lib/generated/prisma/client";
import { moveAgencyStageAction } from "@/lib/selection/actions";
import { moveStageSchema, REASON_MAX, type MoveStageInput, type MoveStageValues } from "@/lib/selection/schema";

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
  const empty = { agencyId, to: "" as MoveStageInput["to"], reason: "" };
  const form = useForm<MoveStageInput, unknown, MoveStageValues>({
    resolver: zodResolver(moveStageSchema),
    defaultValues: empty,
  });
  const {
    register,
    reset,
    control,
    formState: { errors, isSubmitting },
  } = form;
  const to = useWatch({ control, name: "to" });
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
      router.refresh();
    },
  });
  const full = to === "SELECTED" && places.taken >= places.cap;

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="max-w-xl space-y-6">
      <FormError message={formError} />
      <StatusMessage message={status} />
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
            <p className="border-danger text-danger rounded-md border-l-4 p-3 font-semibold">{placesFull(places)}</p>
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
  );
}
