// The follow-up-due emails against a real database: once a participant's follow-up window opens,
// one email to each active supervisor of their agency (its leads when it has none), never twice,
// nothing before the window opens, nothing about participants of agencies that have left the
// study; and each email exactly once when several server processes run the notifier at the same
// moment. queueFollowUpDueEmails looks at every participant in the database, so this file runs in
// databases of its own.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { appUrl } from "@/lib/app-url";
import type { AgencyRole, AgencyStage, Measure, ParticipantStatus } from "@/lib/generated/prisma/enums";
import { PrismaPg } from "@prisma/adapter-pg";
import type { Db } from "@/lib/db";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { ownDatabase } from "@/test/own-database";
import { FOLLOW_UP_NOTIFIER_BATCH_SIZE, queueFollowUpDueEmails } from "./follow-up-notifier";
import { addDays, formatStudyId } from "./rules";

const unique = () => randomUUID().slice(0, 8);
const day = (date: string) => new Date(`${date}T00:00:00Z`);

// 15 June 2041, 10:00 in the UK: "today" is 2041-06-15. The study follows up 9 months after
// baseline, give or take 28 days.
const NOW = new Date("2041-06-15T09:00:00Z");

function factories(client: Db) {
  const saveSettings = () =>
    client.study.upsert({
      where: { id: 1 },
      create: {
        id: 1,
        name: "Connecting People pilot",
        questionnaireDeadline: new Date("2040-03-16T17:00:00Z"),
        followUpMonths: 9,
        followUpWindowDays: 28,
      },
      update: { followUpMonths: 9, followUpWindowDays: 28 },
    });

  const createAgency = (stage: AgencyStage = "RECRUITING") =>
    client.agency.create({ data: { organisation: `Organisation ${unique()}`, teamName: `Team ${unique()}`, stage } });

  const createPerson = (agencyId: string, agencyRole: AgencyRole, deactivated = false) =>
    client.user.create({
      data: {
        email: `${agencyRole.toLowerCase()}.${unique()}@example.org`,
        name: `${agencyRole.charAt(0)}${agencyRole.slice(1).toLowerCase()} ${unique()}`,
        role: "AGENCY_STAFF",
        agencyId,
        agencyRole,
        deactivatedAt: deactivated ? new Date("2040-01-01T00:00:00Z") : null,
      },
    });

  /** A valid record (the participant CHECKs): referred, screened and consented a week before the baseline. */
  const participantData = (
    agency: { id: string; code: number },
    sequence: number,
    baseline: string,
    status: ParticipantStatus = "BASELINE_DONE",
  ) => {
    const consent = day(addDays(baseline, -7));
    return {
      studyId: formatStudyId(agency.code, sequence),
      agencyId: agency.id,
      sequence,
      subgroup: "LEARNING_DISABILITY" as const,
      isNewReferral: false,
      status,
      referralDate: consent,
      screenedDate: consent,
      consentDate: consent,
      baselineDate: status === "CONSENTED" ? null : day(baseline),
      baselineMeasures: status === "CONSENTED" ? [] : (["RESOURCE_GENERATOR_UK", "SCOPE"] satisfies Measure[]),
      ...(status === "WITHDRAWN"
        ? {
            withdrawnDate: day(baseline),
            withdrawalReason: "No longer wishes to take part",
            keepDataOnWithdrawal: false,
          }
        : {}),
      ...(status === "LOST_TO_FOLLOW_UP" ? { lostDate: day(baseline), lostReason: "Moved away" } : {}),
    };
  };

  const createParticipant = (
    agency: { id: string; code: number },
    sequence: number,
    baseline: string,
    status: ParticipantStatus = "BASELINE_DONE",
  ) => client.participant.create({ data: participantData(agency, sequence, baseline, status) });

  const emailsAbout = (participantId: string) =>
    client.outboxEmail.findMany({
      where: { dedupeKey: { startsWith: `follow-up-due:${participantId}:` } },
      orderBy: { to: "asc" },
    });

  return { saveSettings, createAgency, createPerson, participantData, createParticipant, emailsAbout };
}

describe("follow-up-due emails", () => {
  const { client } = ownDatabase("cp_follow_up_notifier");
  const { saveSettings, createAgency, createPerson, createParticipant, emailsAbout } = factories(client);
  beforeAll(() => saveSettings());

  it("go once to each active supervisor when the window opens, and never before", async () => {
    const agency = await createAgency();
    const supervisors = [await createPerson(agency.id, "SUPERVISOR"), await createPerson(agency.id, "SUPERVISOR")];
    const former = await createPerson(agency.id, "SUPERVISOR", true);
    const lead = await createPerson(agency.id, "LEAD");
    const worker = await createPerson(agency.id, "WORKER");

    // Due today: window 18 May to 13 July 2041, open.
    const due = await createParticipant(agency, 1, "2040-09-15");
    // Window opened long ago and closed on 29 March 2041: overdue, and still told once.
    const overdue = await createParticipant(agency, 2, "2040-06-01");
    // Window opens tomorrow (due 14 July 2041).
    const tomorrow = await createParticipant(agency, 3, "2040-10-14");
    // Never: not at baseline, withdrawn, lost.
    const others = [
      await createParticipant(agency, 4, "2040-06-01", "CONSENTED"),
      await createParticipant(agency, 5, "2040-06-01", "WITHDRAWN"),
      await createParticipant(agency, 6, "2040-06-01", "LOST_TO_FOLLOW_UP"),
    ];

    expect(await queueFollowUpDueEmails(NOW, client)).toBe(2);

    const supervisorEmails = supervisors.map((person) => person.email).toSorted();
    const aboutDue = await emailsAbout(due.id);
    expect(aboutDue.map((email) => email.to)).toEqual(supervisorEmails);
    expect(aboutDue.map((email) => email.kind)).toEqual(["follow-up-due", "follow-up-due"]);
    expect(aboutDue.map((email) => email.dedupeKey).toSorted()).toEqual(
      supervisors.map((person) => `follow-up-due:${due.id}:2040-09-15:${person.id}`).toSorted(),
    );
    const toFirst = aboutDue.find((email) => email.to === supervisors[0]!.email)!;
    expect(toFirst.subject).toBe(`Follow-up interview due: participant ${due.studyId}`);
    expect(toFirst.text).toBe(
      [
        `Hello ${supervisors[0]!.name},`,
        "",
        `The follow-up interview of participant ${due.studyId} is due on 15 June 2041.`,
        "",
        "It counts if it is done between 18 May 2041 and 13 July 2041. Arrange the interview with the participant's worker.",
        "",
        `When it is done, record the date and the measures completed on the participant's page: ${appUrl(`/agency/participants/${due.id}`)}`,
        "",
        "The Connecting People study team",
      ].join("\n"),
    );

    const aboutOverdue = await emailsAbout(overdue.id);
    expect(aboutOverdue.map((email) => email.to)).toEqual(supervisorEmails);
    expect(aboutOverdue[0]!.text).toContain(`participant ${overdue.studyId} is due on 1 March 2041`);
    expect(aboutOverdue[0]!.text).toContain(
      "Its window (1 February 2041 to 29 March 2041) has already closed, so it is overdue.",
    );

    // Nobody else hears: not the former supervisor, the lead (there are supervisors) or the worker.
    const everyone = await client.outboxEmail.findMany({ where: { kind: "follow-up-due" } });
    expect(everyone).toHaveLength(4);
    for (const person of [former, lead, worker]) expect(everyone.map((email) => email.to)).not.toContain(person.email);
    expect(await emailsAbout(tomorrow.id)).toEqual([]);
    for (const participant of others) expect(await emailsAbout(participant.id)).toEqual([]);

    const marks = async () =>
      Object.fromEntries(
        (
          await client.participant.findMany({
            where: { agencyId: agency.id },
            select: { sequence: true, followUpDueNotifiedAt: true },
          })
        ).map((row) => [row.sequence, row.followUpDueNotifiedAt]),
      );
    expect(await marks()).toEqual({ 1: NOW, 2: NOW, 3: null, 4: null, 5: null, 6: null });

    // A second run a few minutes later sends nothing more.
    expect(await queueFollowUpDueEmails(new Date(NOW.getTime() + 15 * 60_000), client)).toBe(0);
    expect(await client.outboxEmail.count({ where: { kind: "follow-up-due" } })).toBe(4);

    // The next day the third participant's window opens: told then, once.
    const nextDay = new Date("2041-06-16T07:00:00Z");
    expect(await queueFollowUpDueEmails(nextDay, client)).toBe(1);
    expect((await emailsAbout(tomorrow.id)).map((email) => email.to)).toEqual(supervisorEmails);
    expect(await queueFollowUpDueEmails(nextDay, client)).toBe(0);
    expect(await client.outboxEmail.count({ where: { kind: "follow-up-due" } })).toBe(6);
  });

  it("go again when a baseline is undone and recorded on another date, with the new due date", async () => {
    const agency = await createAgency();
    const supervisor = await createPerson(agency.id, "SUPERVISOR");
    const participant = await createParticipant(agency, 1, "2040-09-02");
    expect(await queueFollowUpDueEmails(NOW, client)).toBe(1);
    // The research team undoes the baseline (which clears the mark) and it is recorded again.
    await client.participant.update({
      where: { id: participant.id },
      data: { baselineDate: day("2040-09-20"), followUpDueNotifiedAt: null },
    });
    expect(await queueFollowUpDueEmails(NOW, client)).toBe(1);
    const texts = (await emailsAbout(participant.id))
      .map((email) => [email.to, email.text.match(/is due on [^.]*/)?.[0]])
      .toSorted((a, b) => String(a[1]).localeCompare(String(b[1])));
    expect(texts).toEqual([
      [supervisor.email, "is due on 2 June 2041"],
      [supervisor.email, "is due on 20 June 2041"],
    ]);
  });

  it("go to the leads when the agency has no active supervisor, and wait when it has no one", async () => {
    const agency = await createAgency("FOLLOW_UP");
    const leads = [await createPerson(agency.id, "LEAD"), await createPerson(agency.id, "LEAD")];
    await createPerson(agency.id, "SUPERVISOR", true);
    await createPerson(agency.id, "LEAD", true);
    const due = await createParticipant(agency, 1, "2040-09-01");

    const empty = await createAgency();
    await createPerson(empty.id, "WORKER");
    const waiting = await createParticipant(empty, 1, "2040-09-01");

    expect(await queueFollowUpDueEmails(NOW, client)).toBe(1);
    expect((await emailsAbout(due.id)).map((email) => email.to)).toEqual(leads.map((lead) => lead.email).toSorted());
    // No one to tell yet: not marked, so that a supervisor who joins is told.
    expect(await emailsAbout(waiting.id)).toEqual([]);
    expect(await client.participant.findUniqueOrThrow({ where: { id: waiting.id } })).toMatchObject({
      followUpDueNotifiedAt: null,
    });
    const joined = await createPerson(empty.id, "SUPERVISOR");
    expect(await queueFollowUpDueEmails(NOW, client)).toBe(1);
    expect((await emailsAbout(waiting.id)).map((email) => email.to)).toEqual([joined.email]);
  });

  it("are not sent about participants of agencies that withdrew or completed the study", async () => {
    const ids = [];
    for (const stage of ["WITHDRAWN", "COMPLETED"] as const) {
      const agency = await createAgency(stage);
      await createPerson(agency.id, "SUPERVISOR");
      ids.push((await createParticipant(agency, 1, "2040-09-01")).id);
    }
    expect(await queueFollowUpDueEmails(NOW, client)).toBe(0);
    for (const id of ids) {
      expect(await emailsAbout(id)).toEqual([]);
      expect(await client.participant.findUniqueOrThrow({ where: { id } })).toMatchObject({
        followUpDueNotifiedAt: null,
      });
    }
  });
});

describe("follow-up-due emails from several server processes at once", () => {
  const database = ownDatabase("cp_follow_up_notifier_race");
  const { client } = database;
  const { saveSettings, createAgency, createPerson, participantData } = factories(client);
  beforeAll(() => saveSettings());

  it("are each queued exactly once", async () => {
    const agencies = [await createAgency(), await createAgency()];
    const supervisors = [];
    for (const agency of agencies) {
      supervisors.push(await createPerson(agency.id, "SUPERVISOR"), await createPerson(agency.id, "SUPERVISOR"));
    }
    // Due participants for more than two batches, windows opened on different days.
    const COUNT = 2 * FOLLOW_UP_NOTIFIER_BATCH_SIZE + 130;
    await client.participant.createMany({
      data: Array.from({ length: COUNT }, (_, index) =>
        participantData(agencies[index % 2]!, Math.floor(index / 2) + 1, addDays("2039-01-01", index % 500)),
      ),
    });
    const processes = [client, database.connect(), database.connect(), database.connect()];

    const counts = await Promise.all(processes.map((each) => queueFollowUpDueEmails(NOW, each)));

    // Each participant claimed by exactly one process. Without SKIP LOCKED (a plain FOR UPDATE) the
    // processes would queue behind each other's locks and re-check the rows, so the answer would
    // still be right but they would wait instead of sharing the work; without any lock, two
    // processes would read the same unmarked rows and both tell about them: the dedupe keys would
    // keep the outbox to one email each, but the counts here would add up to more than COUNT.
    expect(counts.reduce((sum, each) => sum + each, 0)).toBe(COUNT);
    const emails = await client.outboxEmail.findMany({
      where: { kind: "follow-up-due" },
      select: { to: true, dedupeKey: true },
    });
    expect(emails).toHaveLength(COUNT * 2);
    expect(new Set(emails.map((email) => email.dedupeKey)).size).toBe(COUNT * 2);
    const perParticipant = new Map<string, number>();
    for (const email of emails) {
      const participantId = email.dedupeKey!.split(":")[1]!;
      perParticipant.set(participantId, (perParticipant.get(participantId) ?? 0) + 1);
    }
    expect(perParticipant.size).toBe(COUNT);
    expect([...perParticipant.values()].every((count) => count === 2)).toBe(true);
    for (const supervisor of supervisors) {
      expect(emails.filter((email) => email.to === supervisor.email)).toHaveLength(COUNT / 2);
    }
    expect(await client.participant.count({ where: { followUpDueNotifiedAt: null } })).toBe(0);

    // And again: nothing more.
    expect(await Promise.all(processes.map((each) => queueFollowUpDueEmails(NOW, each)))).toEqual([0, 0, 0, 0]);
    expect(await client.outboxEmail.count({ where: { kind: "follow-up-due" } })).toBe(COUNT * 2);
  });
});

describe("the first run with thousands of follow-ups due", () => {
  const database = ownDatabase("cp_follow_up_notifier_catch_up");
  const { saveSettings, createAgency, createPerson, participantData } = factories(database.client);
  beforeAll(() => saveSettings());

  it("queues every email once, a batch of participants in one insert instead of one insert an email", async () => {
    const client = database.client;
    const agency = await createAgency();
    const supervisors = [await createPerson(agency.id, "SUPERVISOR"), await createPerson(agency.id, "SUPERVISOR")];
    const COUNT = 2 * FOLLOW_UP_NOTIFIER_BATCH_SIZE + 100;
    await client.participant.createMany({
      data: Array.from({ length: COUNT }, (_, index) =>
        participantData(agency, index + 1, addDays("2039-01-01", index % 400)),
      ),
    });
    // A second process's client that counts the inserts into the outbox.
    const counting = new PrismaClient({
      adapter: new PrismaPg({ connectionString: database.url }),
      log: [{ emit: "event", level: "query" }],
    });
    const inserts: string[] = [];
    counting.$on("query", (event) => {
      if (/INSERT INTO ("public"\.)?"OutboxEmail"/.test(event.query)) inserts.push(event.query);
    });
    try {
      expect(await queueFollowUpDueEmails(NOW, counting)).toBe(COUNT);
    } finally {
      await counting.$disconnect();
    }
    expect(inserts).toHaveLength(Math.ceil(COUNT / FOLLOW_UP_NOTIFIER_BATCH_SIZE));
    const emails = await client.outboxEmail.findMany({ where: { kind: "follow-up-due" }, select: { to: true } });
    expect(emails).toHaveLength(COUNT * 2);
    for (const supervisor of supervisors) {
      expect(emails.filter((email) => email.to === supervisor.email)).toHaveLength(COUNT);
    }
    expect(await client.participant.count({ where: { followUpDueNotifiedAt: null } })).toBe(0);
  });
});
