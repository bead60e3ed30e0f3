// The account forms' schemas, shared by the browser (zodResolver) and the server (safeParse).
// The full password check (common passwords, the person's email) runs on the server only, with
// `passwordProblem`; here only the length rule, which the browser can check too.
import { z } from "zod";
import { plainText } from "@/lib/plain-text";
import { newPasswordField as passwordSchema } from "@/lib/auth/schema";

export const emailSchema = z
  .string({ error: "Enter an email address." })
  .trim()
  .toLowerCase()
  .min(1, "Enter an email address.")
  .max(254, "An email address is at most 254 characters long.")
  .pipe(z.email("Enter the email address in the form name@example.org."));

const requiredText = (what: string, max: number) =>
  plainText(
    z
      .string({ error: `Enter ${what}.` })
      .trim()
      .min(1, `Enter ${what}.`)
      .max(max, `Use at most ${max} characters for ${what}.`),
    what,
  );

const personName = requiredText("your full name", 120);

/** The confirmation must repeat the password; checked once both are there. */
const PASSWORDS_DIFFER = "The two passwords are different. Type the same password in both boxes.";

const newPasswordFields = {
  password: passwordSchema,
  confirmPassword: z
    .string({ error: "Type the password again." })
    .min(1, "Type the password again.")
    .max(256, "A password is at most 256 characters long."),
};

function passwordsMatch<S extends z.ZodType<{ password: string; confirmPassword: string }>>(schema: S): S {
  return schema.refine((values) => values.password === values.confirmPassword, {
    message: PASSWORDS_DIFFER,
    path: ["confirmPassword"],
    // Compare as soon as both boxes are filled in, even while another field still has a problem.
    when: (payload) => {
      const value = payload.value as Partial<Record<"password" | "confirmPassword", unknown>>;
      return typeof value?.password === "string" && typeof value?.confirmPassword === "string";
    },
  });
}

export const registerAgencySchema = passwordsMatch(
  z.object({
    organisation: requiredText("the name of your organisation", 200),
    teamName: requiredText("the name of your team", 200),
    name: personName,
    email: emailSchema,
    ...newPasswordFields,
  }),
);

export type RegisterAgencyInput = z.input<typeof registerAgencySchema>;
export type RegisterAgencyValues = z.output<typeof registerAgencySchema>;

const INVITATION_LINK_BROKEN =
  "The invitation link is not complete. Open it again from the email, or ask for a new invitation.";

export const acceptInvitationSchema = passwordsMatch(
  z.object({
    token: z.string({ error: INVITATION_LINK_BROKEN }).min(1, INVITATION_LINK_BROKEN).max(200, INVITATION_LINK_BROKEN),
    name: personName,
    ...newPasswordFields,
  }),
);

export type AcceptInvitationInput = z.input<typeof acceptInvitationSchema>;
export type AcceptInvitationValues = z.output<typeof acceptInvitationSchema>;

/** The roles a lead can give in an invitation (a colleague becomes a lead by a role change). */
export const INVITABLE_AGENCY_ROLES = ["WORKER", "SUPERVISOR"] as const;
export const AGENCY_ROLES = ["LEAD", "SUPERVISOR", "WORKER"] as const;

export const inviteStaffSchema = z.object({
  email: emailSchema,
  agencyRole: z.enum(INVITABLE_AGENCY_ROLES, { error: "Choose whether they are a worker or a supervisor." }),
});

export type InviteStaffInput = z.input<typeof inviteStaffSchema>;
export type InviteStaffValues = z.output<typeof inviteStaffSchema>;

export const inviteResearcherSchema = z.object({ email: emailSchema });

export type InviteResearcherInput = z.input<typeof inviteResearcherSchema>;
export type InviteResearcherValues = z.output<typeof inviteResearcherSchema>;

const id = (what: string) => z.uuid(`That ${what} could not be found.`);

export const invitationIdSchema = z.object({ invitationId: id("invitation") });

export const changeStaffRoleSchema = z.object({
  userId: id("member of staff"),
  agencyRole: z.enum(AGENCY_ROLES, { error: "Choose lead, supervisor or worker." }),
});

export const removeStaffSchema = z.object({ userId: id("member of staff") });

export const createResearcherSchema = z.object({
  email: emailSchema,
  name: requiredText("the researcher's name", 120),
  password: passwordSchema,
});

/** What every account action returns: success with a message to announce, or what to fix. */
export type AccountResult<Extra extends object = object> =
  | ({ ok: true; message?: string } & Extra)
  | { ok: false; fieldErrors?: Record<string, string[] | undefined>; formError?: string };

export const EMAIL_TAKEN_MESSAGE = "An account with this email already exists — sign in or reset your password.";
