// Pure rules of the researcher side of expressions of interest.

/** Who hears about a change to the questionnaire: the agency's leads and its contact email, each once. */
export function notifyRecipients(leadEmails: readonly string[], contactEmail: string | null): string[] {
  const all = [...leadEmails, ...(contactEmail ? [contactEmail] : [])].map((email) => email.trim().toLowerCase());
  return [...new Set(all.filter((email) => email !== ""))];
}
