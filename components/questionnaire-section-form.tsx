"use client";

// One section of the expression-of-interest questionnaire. Checked in the browser with the same
// draft schema the server uses; "Save and continue" saves and opens the next section, "Save draft"
// saves and stays. Nothing typed is lost: leaving with unsaved changes asks first, and a save that
// comes back because the session ended keeps the values on this device (per agency and section)
// and offers them again on the next visit.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Controller, useForm, useWatch, type Resolver } from "react-hook-form";
import type { z } from "zod";
import { Field, FormError, SelectField, StatusMessage, useActionForm } from "@/components/form";
import { lazyZodResolver } from "@/components/lazy-resolver";
import { AgreeBox, CheckboxGroup, QuestionnaireTextArea, RadioGroup } from "@/components/questionnaire-choices";
import { saveSectionAction, type SaveSectionAnswer } from "@/lib/eoi/actions";
import {
  CLIENT_GROUP_LABELS,
  CLIENT_GROUPS,
  fieldLabels,
  FIELD_LABELS,
  PRACTICE_SECTION_TEXT,
  REGION_LABELS,
  REGIONS,
  SECTOR_LABELS,
  SECTORS,
  type PracticeSection,
  type SectionKey,
} from "@/lib/eoi/labels";

type Values = Record<string, unknown>;

const RATINGS = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((value) => ({
  value,
  label: value === 1 ? "1 – not at all" : value === 9 ? "9 – fully" : String(value),
}));
const YES_NO = [
  { value: true, label: "Yes" },
  { value: false, label: "No" },
] as const;

/** Blank text counts as "not answered" in a draft, so an empty box is not an error. */
function withoutBlanks(values: Values): Values {
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [
      key,
      typeof value === "string" && value.trim() === "" ? undefined : value,
    ]),
  );
}

/** The stored answers as form values: text boxes hold strings, numbers included. */
function formValues(section: SectionKey, saved: Values): Values {
  return Object.fromEntries(
    Object.keys(fieldLabels(section)).map((field) => {
      const value = saved[field];
      if (field === "clientGroups") return [field, Array.isArray(value) ? value : []];
      if (typeof value === "number" && field !== "rating") return [field, String(value)];
      return [field, value ?? defaultFor(field)];
    }),
  );
}

function defaultFor(field: string): unknown {
  return ["rating", "releaseWorkers", "releaseSupervisors", "managerSupports", "evaluation", "recruitment"].includes(
    field,
  )
    ? undefined
    : "";
}

/**
 * Each section's draft schema, the one the server uses, checked with blank text left out. The
 * schemas (and zod with them) load after the page: the form needs them only when it is checked.
 */
const resolvers = new Map<SectionKey, Resolver<Values, unknown, Values>>();
function resolverFor(section: SectionKey): Resolver<Values, unknown, Values> {
  let resolver = resolvers.get(section);
  if (!resolver) {
    const checkDraft = lazyZodResolver<Values>(() =>
      import("@/lib/eoi/schema").then(
        (schemas) => schemas.draftSectionSchemas[section] as unknown as z.ZodType<Values, Values>,
      ),
    );
    resolver = (values, context, options) => checkDraft(withoutBlanks(values), context, options);
    resolvers.set(section, resolver);
  }
  return resolver;
}

const storageKey = (agencyId: string, section: SectionKey) => `eoi-unsaved:${agencyId}:${section}`;

function forget(key: string) {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // Storage unavailable: nothing was kept.
  }
}

export function QuestionnaireSectionForm({
  agencyId,
  section,
  saved,
  nextHref,
  eligibilitySaved,
}: {
  agencyId: string;
  section: SectionKey;
  saved: Values;
  nextHref: string;
  eligibilitySaved: boolean;
}) {
  const router = useRouter();
  const fields = Object.keys(fieldLabels(section));
  const form = useForm<Values, unknown, Values>({
    resolver: resolverFor(section),
    defaultValues: formValues(section, saved),
  });
  const {
    control,
    register,
    reset,
    getValues,
    formState: { errors, isDirty, isSubmitting, submitCount },
  } = form;
  const intent = useRef<"next" | "stay">("next");
  const [status, setStatus] = useState<string | null>(null);
  const [unsaved, setUnsaved] = useState<{ values: Values; at: string } | null>(null);

  // Offer what a refused save kept on this device.
  useEffect(() => {
    try {
      const kept = window.localStorage.getItem(storageKey(agencyId, section));
      // eslint-disable-next-line react-hooks/set-state-in-effect -- localStorage exists only in the browser, after hydration
      if (kept) setUnsaved(JSON.parse(kept) as { values: Values; at: string });
    } catch {
      // Storage unavailable (private mode): nothing to offer.
    }
  }, [agencyId, section]);

  useEffect(() => {
    if (!isDirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [isDirty]);

  const { formError, onSubmit } = useActionForm(form, {
    async action(values): Promise<SaveSectionAnswer> {
      setStatus(null);
      // Kept on this device before sending, and dropped once the server has answered: a session
      // that ended (the answer says so, or the request was turned away) leaves them here.
      const key = storageKey(agencyId, section);
      const kept = JSON.stringify({ values: getValues(), at: new Date().toISOString() });
      try {
        window.localStorage.setItem(key, kept);
      } catch {
        // Storage unavailable (private mode): the message still says what happened.
      }
      const answer = await saveSectionAction({ section, answers: values });
      if (!("sessionEnded" in answer)) forget(key);
      return answer;
    },
    fields,
    unavailable:
      "We could not save this section. What you typed is kept on this device: try again, or if your session has ended, sign in again and come back to this section to restore it.",
    onSuccess(answer) {
      setUnsaved(null);
      reset(getValues());
      if (intent.current === "next") router.push(nextHref);
      else setStatus(("message" in answer && answer.message) || "Saved.");
    },
  });

  const errorList = fields.filter((field) => errors[field]?.message);
  const message = (field: string) => errors[field]?.message as string | undefined;
  const labels = fieldLabels(section) as Record<string, string>;
  const id = (field: string) => `q-${field}`;

  function text(
    field: string,
    props: { hint?: string; type?: string; autoComplete?: string; inputMode?: "numeric" } = {},
  ) {
    return <Field id={id(field)} label={labels[field]!} error={message(field)} {...props} {...register(field)} />;
  }

  function yesNo(field: string) {
    return (
      <Controller
        control={control}
        name={field}
        render={({ field: f }) => (
          <RadioGroup
            id={id(field)}
            legend={labels[field]}
            error={message(field)}
            options={YES_NO}
            value={f.value as boolean | undefined}
            onChange={f.onChange}
            onBlur={f.onBlur}
            inputRef={f.ref}
            inline
          />
        )}
      />
    );
  }

  const clientGroups = (useWatch({ control, name: "clientGroups" }) as string[] | undefined) ?? [];
  const other = (useWatch({ control, name: "otherClientGroups" }) as string | undefined) ?? "";
  const showIneligible =
    section === "eligibility" && clientGroups.length === 0 && (other.trim() !== "" || eligibilitySaved);

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="max-w-2xl space-y-6">
      {unsaved ? (
        <div
          className="border-brand-700 bg-brand-50 space-y-3 rounded-md border-l-4 p-4"
          role="region"
          aria-label="Unsaved answers"
        >
          <p>
            This device kept answers to this section that could not be saved on{" "}
            {new Date(unsaved.at).toLocaleString("en-GB", { timeZone: "Europe/London" })}.
          </p>
          <div className="flex flex-wrap gap-3">
            <button
              type="button"
              className="button-secondary cursor-pointer"
              onClick={() => {
                reset(unsaved.values, { keepDefaultValues: true });
                setUnsaved(null);
                setStatus("Your unsaved answers are back in the form. Save them to keep them.");
              }}
            >
              Restore them
            </button>
            <button
              type="button"
              className="button-secondary cursor-pointer"
              onClick={() => {
                forget(storageKey(agencyId, section));
                setUnsaved(null);
              }}
            >
              Discard them
            </button>
          </div>
        </div>
      ) : null}

      <FormError message={formError} />
      {submitCount > 0 && errorList.length > 0 && !formError ? (
        <div role="alert" className="border-danger bg-danger-50 rounded-md border-l-4 p-4">
          <p className="text-danger font-semibold">
            {errorList.length === 1
              ? "There is a problem with 1 answer:"
              : `There are problems with ${errorList.length} answers:`}
          </p>
          <ul className="mt-2 list-disc pl-6">
            {errorList.map((field) => (
              <li key={field}>
                <a href={`#${id(field)}`}>{message(field)}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <StatusMessage message={status} />

      {section === "eligibility" ? (
        <>
          <Controller
            control={control}
            name="clientGroups"
            render={({ field: f }) => (
              <CheckboxGroup
                id={id("clientGroups")}
                legend="Who does this team work with?"
                hint="Tick every group the team works with."
                error={message("clientGroups")}
                options={CLIENT_GROUPS.map((value) => ({ value, label: CLIENT_GROUP_LABELS[value] }))}
                value={(f.value as (typeof CLIENT_GROUPS)[number][]) ?? []}
                onChange={f.onChange}
                onBlur={f.onBlur}
                inputRef={f.ref}
              />
            )}
          />
          {text("otherClientGroups", { hint: "Optional: any other group the team works with, in your own words." })}
          <div aria-live="polite">
            {showIneligible ? (
              <div className="border-brand-700 bg-brand-50 space-y-2 rounded-md border-l-4 p-4">
                <p className="font-semibold">Thank you for your interest in the pilot.</p>
                <p>
                  The pilot is only for teams that work with adults of working age with mental health problems, older
                  adults with functional mental health problems (not dementia), or adults with learning disabilities. If
                  your team works with none of these groups, it cannot take part, and the questionnaire cannot be
                  submitted. If your team does work with one of them, tick it above.
                </p>
              </div>
            ) : null}
          </div>
        </>
      ) : null}

      {section === "team" ? (
        <>
          {text("organisation", { autoComplete: "organization" })}
          {text("teamName")}
          <SelectField id={id("sector")} label={labels.sector!} error={message("sector")} {...register("sector")}>
            <option value="">Choose the sector</option>
            {SECTORS.map((value) => (
              <option key={value} value={value}>
                {SECTOR_LABELS[value]}
              </option>
            ))}
          </SelectField>
          <SelectField id={id("region")} label={labels.region!} error={message("region")} {...register("region")}>
            <option value="">Choose the region</option>
            {REGIONS.map((value) => (
              <option key={value} value={value}>
                {REGION_LABELS[value]}
              </option>
            ))}
          </SelectField>
          <QuestionnaireTextArea
            id={id("address")}
            label={labels.address!}
            error={message("address")}
            rows={3}
            {...register("address")}
          />
          {text("contactName", { autoComplete: "name" })}
          {text("contactRole", { autoComplete: "organization-title" })}
          {text("contactEmail", { type: "email", autoComplete: "email" })}
          {text("contactPhone", { type: "tel", autoComplete: "tel" })}
        </>
      ) : null}

      {section === "size" ? (
        <>
          {text("frontLineWorkers", { inputMode: "numeric" })}
          {text("supervisors", { inputMode: "numeric" })}
          {text("caseload", { inputMode: "numeric", hint: "How many people the team works with now." })}
        </>
      ) : null}

      {section.startsWith("practice.") ? (
        <>
          <Controller
            control={control}
            name="rating"
            render={({ field: f }) => (
              <RadioGroup
                id={id("rating")}
                legend={PRACTICE_SECTION_TEXT[section.slice("practice.".length) as PracticeSection].question}
                hint="Rate the team from 1 (not at all) to 9 (fully)."
                error={message("rating")}
                options={RATINGS}
                value={f.value as number | undefined}
                onChange={f.onChange}
                onBlur={f.onBlur}
                inputRef={f.ref}
                inline
              />
            )}
          />
          <QuestionnaireTextArea
            id={id("examples")}
            label={FIELD_LABELS.practice.examples}
            hint="Optional: a few examples of how the team works in this way."
            error={message("examples")}
            {...register("examples")}
          />
        </>
      ) : null}

      {section === "capacity" ? (
        <>
          {yesNo("releaseWorkers")}
          {yesNo("releaseSupervisors")}
          {yesNo("managerSupports")}
          {text("referrals", { inputMode: "numeric" })}
          <QuestionnaireTextArea
            id={id("reorganisation")}
            label={labels.reorganisation!}
            hint="Optional: any change to the team planned during the pilot."
            error={message("reorganisation")}
            rows={3}
            {...register("reorganisation")}
          />
          {text("trainingPlaces")}
          {text("trainingMonths")}
        </>
      ) : null}

      {section === "agreement" ? (
        <>
          {(["evaluation", "recruitment"] as const).map((field) => (
            <Controller
              key={field}
              control={control}
              name={field}
              render={({ field: f }) => (
                <AgreeBox
                  id={id(field)}
                  label={labels[field]!}
                  error={message(field)}
                  value={f.value as boolean | undefined}
                  onChange={f.onChange}
                  onBlur={f.onBlur}
                  inputRef={f.ref}
                />
              )}
            />
          ))}
        </>
      ) : null}

      <div className="flex flex-wrap gap-3">
        <button
          type="submit"
          aria-disabled={isSubmitting}
          className="button-primary cursor-pointer"
          onClick={() => (intent.current = "next")}
        >
          Save and continue
        </button>
        <button
          type="submit"
          aria-disabled={isSubmitting}
          className="button-secondary cursor-pointer"
          onClick={() => (intent.current = "stay")}
        >
          Save draft
        </button>
      </div>
    </form>
  );
}
