// The session and token shapes, typed once for the whole app.
import type { AgencyRole, Role } from "@/lib/generated/prisma/client";
import type { CurrentUser } from "@/lib/auth/user";

declare module "next-auth" {
  /** What `authorize` returns at sign-in. */
  interface User {
    id: string;
    role: Role;
    agencyId: string | null;
    agencyRole: AgencyRole | null;
    sessionVersion: number;
  }

  interface Session {
    /** Absent when the account has been deactivated or its sessions ended. */
    user?: CurrentUser;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    id: string;
    role: Role;
    agencyId: string | null;
    agencyRole: AgencyRole | null;
    sessionVersion: number;
  }
}
