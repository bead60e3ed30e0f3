"use client";

// The people in a team and the invitations waiting for an answer, with the lead's (or, for the
// research team, any researcher's) controls. One status line for the whole list, which takes
// focus after each change: the row that was acted on may have gone from the page.
import { useEffect, useRef, useState, useTransition } from "react";
import { FormError, inputClass, StatusMessage } from "@/components/form";
import {
  changeStaffRoleAction,
  removeStaffAction,
  resendResearcherInvitationAction,
  resendStaffInvitationAction,
  revokeResearcherInvitationAction,
  revokeStaffInvitationAction,
} from "@/lib/accounts/actions";
import type { AccountResult } from "@/lib/accounts/schema";
import { AGENCY_ROLE_LABELS } from "@/lib/agencies/stages";
import type { AgencyRole } from "@/lib/generated/prisma/enums";

export type DirectoryMember = {
  id: string;
  name: string;
  email: string;
  agencyRole: AgencyRole | null;
  /** A line under the name, e.g. "Researcher since 3 May 2026". */
  detail?: string;
};

export type DirectoryInvitation = {
  id: string;
  email: string;
  roleLabel: string;
  sentLabel: string;
  expiryLabel: string;
  expired: boolean;
};

type StaffDirectoryProps = {
  area: "agency" | "researcher";
  members: DirectoryMember[];
  invitations: DirectoryInvitation[];
  currentUserId: string;
  manageMembers: boolean;
  manageInvitations: boolean;
};

const UNAVAILABLE = "That did not work just now. Please try again in a few minutes.";

export function StaffDirectory({
  area,
  members,
  invitations,
  currentUserId,
  manageMembers,
  manageInvitations,
}: StaffDirectoryProps) {
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const messageRef = useRef<HTMLDivElement>(null);
  // Bumped on every answer, so the same message twice still moves focus.
  const [answers, setAnswers] = useState(0);

  useEffect(() => {
    if (answers > 0) messageRef.current?.focus();
  }, [answers]);

  function run(action: () => Promise<AccountResult>, onSuccess?: () => void) {
    if (pending) return;
    setError(null);
    startTransition(async () => {
      let result: AccountResult;
      try {
        result = await action();
      } catch {
        result = { ok: false, formError: UNAVAILABLE };
      }
      if (result.ok) {
        setStatus(result.message ?? "Done.");
        onSuccess?.();
      } else {
        setStatus(null);
        setError(result.formError ?? Object.values(result.fieldErrors ?? {})[0]?.[0] ?? UNAVAILABLE);
      }
      setAnswers((count) => count + 1);
    });
  }

  const resend = area === "agency" ? resendStaffInvitationAction : resendResearcherInvitationAction;
  const revoke = area === "agency" ? revokeStaffInvitationAction : revokeResearcherInvitationAction;
  const people = area === "agency" ? "Staff" : "Researchers";

  return (
    <div className="space-y-8">
      <div ref={messageRef} tabIndex={-1} className="space-y-2">
        <FormError message={error} takeFocus={false} />
        <StatusMessage message={status} />
      </div>

      <section aria-labelledby="members-heading" className="space-y-4">
        <h2 id="members-heading" className="text-2xl font-bold">
          {people} ({members.length})
        </h2>
        <ul className="space-y-3">
          {members.map((member) => (
            <li key={member.id} className="border-line rounded-lg border p-4">
              <MemberRow
                member={member}
                isSelf={member.id === currentUserId}
                manage={manageMembers && member.agencyRole !== null}
                pending={pending}
                onChangeRole={(agencyRole) => run(() => changeStaffRoleAction({ userId: member.id, agencyRole }))}
                onRemove={() => run(() => removeStaffAction({ userId: member.id }))}
              />
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="invitations-heading" className="space-y-4">
        <h2 id="invitations-heading" className="text-2xl font-bold">
          Invitations waiting for an answer ({invitations.length})
        </h2>
        {invitations.length === 0 ? (
          <p>There are no invitations waiting.</p>
        ) : (
          <ul className="space-y-3">
            {invitations.map((invitation) => (
              <li key={invitation.id} className="border-line rounded-lg border p-4">
                <p className="font-semibold break-all">{invitation.email}</p>
                <p>{invitation.roleLabel}</p>
                <p className="text-muted">{invitation.sentLabel}</p>
                <p className={invitation.expired ? "text-danger font-semibold" : "text-muted"}>
                  {invitation.expiryLabel}
                </p>
                {manageInvitations ? (
                  <div className="mt-3 flex flex-wrap gap-3">
                    <button
                      type="button"
                      aria-disabled={pending}
                      className="button-secondary cursor-pointer"
                      onClick={() => run(() => resend({ invitationId: invitation.id }))}
                    >
                      Send again<span className="sr-only"> to {invitation.email}</span>
                    </button>
                    <button
                      type="button"
                      aria-disabled={pending}
                      className="button-secondary cursor-pointer"
                      onClick={() => run(() => revoke({ invitationId: invitation.id }))}
                    >
                      Withdraw<span className="sr-only"> the invitation to {invitation.email}</span>
                    </button>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function MemberRow({
  member,
  isSelf,
  manage,
  pending,
  onChangeRole,
  onRemove,
}: {
  member: DirectoryMember;
  isSelf: boolean;
  manage: boolean;
  pending: boolean;
  onChangeRole: (agencyRole: AgencyRole) => void;
  onRemove: () => void;
}) {
  const [role, setRole] = useState<AgencyRole>(member.agencyRole ?? "WORKER");
  const [confirming, setConfirming] = useState(false);
  const questionRef = useRef<HTMLParagraphElement>(null);
  const removeRef = useRef<HTMLButtonElement>(null);
  const selectId = `role-${member.id}`;

  useEffect(() => {
    if (confirming) questionRef.current?.focus();
  }, [confirming]);

  return (
    <div className="space-y-3">
      <div>
        <p className="font-semibold">
          {member.name}
          {isSelf ? " (you)" : ""}
        </p>
        <p className="break-all">{member.email}</p>
        {member.agencyRole ? <p className="text-muted">{AGENCY_ROLE_LABELS[member.agencyRole]}</p> : null}
        {member.detail ? <p className="text-muted">{member.detail}</p> : null}
      </div>

      {manage ? (
        <div className="flex flex-wrap items-end gap-3">
          <div className="space-y-1">
            <label htmlFor={selectId} className="block font-semibold">
              Role<span className="sr-only"> of {member.name}</span>
            </label>
            <select
              id={selectId}
              value={role}
              onChange={(event) => setRole(event.target.value as AgencyRole)}
              className={`${inputClass} w-auto`}
            >
              <option value="LEAD">{AGENCY_ROLE_LABELS.LEAD}</option>
              <option value="SUPERVISOR">{AGENCY_ROLE_LABELS.SUPERVISOR}</option>
              <option value="WORKER">{AGENCY_ROLE_LABELS.WORKER}</option>
            </select>
          </div>
          <button
            type="button"
            aria-disabled={pending}
            className="button-secondary cursor-pointer"
            onClick={() => onChangeRole(role)}
          >
            Change role<span className="sr-only"> of {member.name}</span>
          </button>
          {isSelf || confirming ? null : (
            <button
              ref={removeRef}
              type="button"
              aria-disabled={pending}
              className="button-secondary cursor-pointer"
              onClick={() => setConfirming(true)}
            >
              Remove<span className="sr-only"> {member.name}</span>
            </button>
          )}
        </div>
      ) : null}

      {manage && confirming ? (
        <div className="border-danger bg-danger-50 space-y-3 rounded-md border-l-4 p-4">
          <p ref={questionRef} tabIndex={-1} className="font-semibold">
            Remove {member.name} from your agency? They will be signed out and will no longer be able to sign in. Their
            training and participant records stay.
          </p>
          <div className="flex flex-wrap gap-3">
            <button
              type="button"
              aria-disabled={pending}
              className="button-primary cursor-pointer"
              onClick={() => {
                setConfirming(false);
                onRemove();
              }}
            >
              Yes, remove {member.name}
            </button>
            <button
              type="button"
              className="button-secondary cursor-pointer"
              onClick={() => {
                setConfirming(false);
                requestAnimationFrame(() => removeRef.current?.focus());
              }}
            >
              Keep {member.name}
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
