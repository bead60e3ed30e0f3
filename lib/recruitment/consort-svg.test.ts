// The CONSORT diagram's markup: a well-formed standalone SVG (checked by a strict little XML reader
// below: no XML parser is installed), every box's n and percentage on a fixed flow, reasons escaped,
// long reasons wrapped and long lists cut, and the empty study still well-formed.
import { describe, expect, it } from "vitest";
import { type ConsortAgency, type ConsortParticipant, consortFlow } from "./consort";
import { consortSvg, escapeXml, MAX_REASONS, wrapText } from "./consort-svg";

type Element = { name: string; attributes: Record<string, string>; children: Element[]; text: string };

const NAME = "[A-Za-z_][\\w.:-]*";
const ENTITY = /&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;

function checkText(text: string, where: string) {
  if (text.replace(ENTITY, "").includes("&")) throw new Error(`Bare & in ${where}: ${text.slice(0, 80)}`);
  if (text.includes("<")) throw new Error(`Bare < in ${where}`);
}

/** A strict well-formedness check that returns the element tree; throws on anything XML refuses. */
function parseXml(source: string): Element {
  const body = source.replace(/^<\?xml [^?]*\?>\s*/, "");
  const root: Element = { name: "#document", attributes: {}, children: [], text: "" };
  const stack: Element[] = [root];
  const token = new RegExp(`<(/?)(${NAME})((?:\\s+${NAME}\\s*=\\s*"[^"]*")*)\\s*(/?)>|<!--[\\s\\S]*?-->|([^<]+)`, "y");
  let index = 0;
  while (index < body.length) {
    token.lastIndex = index;
    const match = token.exec(body);
    if (!match) throw new Error(`Not well-formed at ${index}: ${body.slice(index, index + 60)}`);
    index = token.lastIndex;
    const [whole, closing, name, attributeText, selfClosing, text] = match;
    const parent = stack[stack.length - 1]!;
    if (text !== undefined) {
      checkText(text, parent.name);
      if (stack.length === 1 && text.trim()) throw new Error("Text outside the root element");
      parent.text += text;
      continue;
    }
    if (whole.startsWith("<!--")) continue;
    if (closing) {
      if (parent.name !== name) throw new Error(`</${name}> closes <${parent.name}>`);
      stack.pop();
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const [, key, value] of (attributeText ?? "").matchAll(new RegExp(`(${NAME})\\s*=\\s*"([^"]*)"`, "g"))) {
      if (key! in attributes) throw new Error(`Attribute ${key} twice on <${name}>`);
      checkText(value!, `${name}@${key}`);
      attributes[key!] = value!;
    }
    if (stack.length === 1 && root.children.length > 0) throw new Error("More than one root element");
    const element: Element = { name: name!, attributes, children: [], text: "" };
    parent.children.push(element);
    if (!selfClosing) stack.push(element);
  }
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1]!.name}> is never closed`);
  if (root.children.length !== 1) throw new Error("No root element");
  return root.children[0]!;
}

function all(element: Element, name: string): Element[] {
  return [...(element.name === name ? [element] : []), ...element.children.flatMap((child) => all(child, name))];
}

const unescape = (text: string) =>
  text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");

/** Every line of text drawn, unescaped, in order. */
function drawnLines(svg: Element): string[] {
  return all(svg, "text").map((text) => unescape(text.text));
}

function agency(id: string, stage: ConsortAgency["stage"], flags: Partial<ConsortAgency> = {}): ConsortAgency {
  return { id, stage, everSubmitted: true, eligible: true, everSelected: false, trainingCompleted: false, ...flags };
}

const SCREENED = { screenedDate: "2026-02-01" };
const CONSENTED = { ...SCREENED, consentDate: "2026-02-10" };
const BASELINE = { ...CONSENTED, baselineDate: "2026-03-01" };
const FOLLOWED_UP = { ...BASELINE, followUpDate: "2026-12-01" };

/**
 * Agencies: 8 expressed interest; 1 not eligible (under review); 7 eligible; 2 not selected; 5
 * selected; 1 in training, not complete; 4 trained; 1 trained but still in training; 3 recruiting.
 * Participants (agency R1): 10 referred; 1 waiting, 1 withdrawn before screening; 8 assessed;
 * excluded 3 (2 not eligible, 1 declined); 1 awaiting consent; 4 consented; 1 lost before baseline;
 * 1 awaiting baseline; 2 baseline; 1 withdrawn before follow-up; 1 followed up.
 */
const AGENCIES: ConsortAgency[] = [
  agency("N1", "UNDER_REVIEW", { eligible: false }),
  agency("S1", "NOT_SELECTED"),
  agency("S2", "NOT_SELECTED"),
  agency("T0", "TRAINING", { everSelected: true }),
  agency("T1", "TRAINING", { everSelected: true, trainingCompleted: true }),
  agency("R1", "RECRUITING"),
  agency("R2", "RECRUITING"),
  agency("R3", "FOLLOW_UP"),
];
const PARTICIPANTS: ConsortParticipant[] = [
  { agencyId: "R1", status: "REFERRED" },
  { agencyId: "R1", status: "WITHDRAWN", withdrawalReason: "Moved away" },
  { agencyId: "R1", status: "NOT_ELIGIBLE", ineligibleReason: "Under 18", ...SCREENED },
  { agencyId: "R1", status: "NOT_ELIGIBLE", ineligibleReason: "Under 18", ...SCREENED },
  { agencyId: "R1", status: "DECLINED", declineReason: "Too busy", ...SCREENED },
  { agencyId: "R1", status: "ELIGIBLE", ...SCREENED },
  { agencyId: "R1", status: "LOST_TO_FOLLOW_UP", lostReason: "No reply", ...CONSENTED },
  { agencyId: "R1", status: "CONSENTED", ...CONSENTED },
  { agencyId: "R1", status: "WITHDRAWN", withdrawalReason: "Illness", ...BASELINE },
  { agencyId: "R1", status: "FOLLOW_UP_DONE", ...FOLLOWED_UP },
];

describe("consortSvg", () => {
  const flow = consortFlow({ agencies: AGENCIES, participants: PARTICIPANTS });
  const markup = consortSvg(flow, { title: "CONSORT flow: whole study", subtitle: "Drawn on 1 December 2026" });
  const svg = parseXml(markup);
  const lines = drawnLines(svg);

  it("is one well-formed SVG document that stands alone and names itself for screen readers", () => {
    expect(svg.name).toBe("svg");
    expect(svg.attributes).toMatchObject({
      xmlns: "http://www.w3.org/2000/svg",
      role: "img",
      "aria-labelledby": "consort-title",
      "aria-describedby": "consort-desc",
    });
    const { width, height, viewBox } = svg.attributes;
    expect(viewBox).toBe(`0 0 ${width} ${height}`);
    expect(Number(height)).toBeGreaterThan(600);
    expect(svg.attributes["font-family"]).toMatch(/sans-serif$/);
    const [title] = all(svg, "title");
    expect(title).toMatchObject({ attributes: { id: "consort-title" }, text: "CONSORT flow: whole study" });
    const [desc] = all(svg, "desc");
    expect(desc!.attributes.id).toBe("consort-desc");
    expect(desc!.text).toContain("Drawn on 1 December 2026.");
    expect(desc!.text).toContain("8 expressed interest, 7 eligible, 5 selected, 4 trained, 3 recruiting");
    expect(desc!.text).toContain("10 referred, 1 left before screening, 8 assessed for eligibility, 3 excluded");
    expect(desc!.text).toContain("1 followed up");
    // Black text on a white background: nothing drawn in a paler colour.
    const colours = new Set(markup.match(/(?:fill|stroke)="#[0-9a-f]{6}"/g));
    expect([...colours].sort()).toEqual(['fill="#000000"', 'fill="#ffffff"', 'stroke="#000000"']);
  });

  // Each box's lines joined, in drawing order: a wrapped line reads as one sentence again.
  const boxes = all(svg, "g").map((group) =>
    all(group, "text")
      .map((line) => unescape(line.text))
      .join(" "),
  );

  it("draws every box of the agencies' flow with its n and percentage, and who went no further", () => {
    expect(lines).toEqual(expect.arrayContaining(["Agencies", "Participants"]));
    expect(boxes.slice(0, 9)).toEqual([
      "Expressed interest (questionnaire submitted) n = 8",
      "Not eligible, by current stage: n = 1 • Under review: 1",
      "Eligible n = 7 (87.5% of expressed interest)",
      "Eligible, not selected, by current stage: n = 2 • Not selected: 2",
      "Selected n = 5 (71.4% of eligible)",
      "Selected, training not completed, by current stage: n = 1 • In training: 1",
      "Trained (every supervisor and worker) n = 4 (80.0% of selected)",
      "Trained, not recruiting, by current stage: n = 1 • In training: 1",
      "Recruiting participants n = 3 (75.0% of trained)",
    ]);
  });

  it("draws every box of the participants' flow with its n, percentage, reasons and those waiting", () => {
    expect(boxes.slice(9)).toEqual([
      "Referred n = 10",
      "Left before screening (withdrawn or lost): n = 1 (10.0% of referred) • Moved away: 1 Awaiting screening: n = 1",
      "Assessed for eligibility n = 8 (80.0% of referred)",
      "Excluded: n = 3 (37.5% of assessed) Not eligible: n = 2 (25.0% of assessed) • Under 18: 2 " +
        "Declined: n = 1 (12.5% of assessed) • Too busy: 1 " +
        "Other reasons (withdrawn or lost before consent): n = 0 (0.0% of assessed) Awaiting a consent decision: n = 1",
      "Consented n = 4 (50.0% of assessed)",
      "Withdrawn: n = 0 (0.0% of consented) Lost to follow-up: n = 1 (25.0% of consented) • No reply: 1 " +
        "Awaiting baseline: n = 1",
      "Baseline interview done n = 2 (50.0% of consented)",
      "Withdrawn: n = 1 (50.0% of baseline) • Illness: 1 Lost to follow-up: n = 0 (0.0% of baseline) " +
        "Awaiting follow-up: n = 0",
      "Followed up n = 1 (50.0% of baseline)",
      "Withdrew after follow-up: n = 0 (0.0% of followed up)",
    ]);
    // Every box has a border, and an arrow leads into every box but the first of each flow.
    expect(all(svg, "rect")).toHaveLength(1 + boxes.length);
    expect(all(svg, "line").filter((line) => line.attributes["marker-end"])).toHaveLength(boxes.length - 2);
    // Each box is tall enough for its lines.
    for (const group of all(svg, "g")) {
      const [rect] = all(group, "rect");
      const texts = all(group, "text");
      const bottom = Number(rect!.attributes.y) + Number(rect!.attributes.height);
      expect(Number(texts[texts.length - 1]!.attributes.y)).toBeLessThan(bottom - 4);
    }
  });

  it("escapes markup and ampersands in reasons and titles", () => {
    const hostile = consortSvg(
      consortFlow({
        agencies: [agency("R1", "RECRUITING")],
        participants: [
          { agencyId: "R1", status: "NOT_ELIGIBLE", ineligibleReason: '<script>alert("x")</script>', ...SCREENED },
          { agencyId: "R1", status: "DECLINED", declineReason: "Work & family", ...SCREENED },
        ],
      }),
      { title: "Team <b> & 'Co'", subtitle: "A & B" },
    );
    expect(hostile).not.toContain("<script");
    expect(hostile).not.toContain("<b>");
    expect(hostile).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(hostile).toContain("Work &amp; family");
    const parsed = parseXml(hostile);
    expect(all(parsed, "title")[0]!.text).toBe("Team &lt;b&gt; &amp; &apos;Co&apos;");
    expect(drawnLines(parsed)).toContain("• Work & family: 1");
  });

  it("wraps long reasons inside the box, and lists at most six reasons then how many more", () => {
    const reasons = [
      "A very long reason that goes on and on about the circumstances of the referral and why it could not go ahead at all",
      ...Array.from({ length: 8 }, (_, index) => `Reason ${index + 1}`),
    ];
    const many = consortSvg(
      consortFlow({
        agencies: [agency("R1", "RECRUITING")],
        participants: reasons.map((reason) => ({
          agencyId: "R1",
          status: "NOT_ELIGIBLE" as const,
          ineligibleReason: reason,
          ...SCREENED,
        })),
      }),
      { title: "Many reasons" },
    );
    const drawn = drawnLines(parseXml(many));
    expect(drawn.filter((line) => line.startsWith("• "))).toHaveLength(MAX_REASONS);
    expect(drawn).toContain("and 3 more reasons");
    // No drawn line is longer than the side box holds at the estimated character width.
    expect(Math.max(...drawn.map((line) => line.length))).toBeLessThanOrEqual(62);
    const longReason = drawn.findIndex((line) => line.startsWith("• A very long reason"));
    expect(longReason).toBeGreaterThan(-1);
    // It is listed first (all counts are 1: alphabetical) and takes three lines, the last ending with its count.
    expect(drawn.slice(longReason, longReason + 3).join(" ")).toMatch(/circumstances .* go ahead at all: 1$/);
    expect(drawn[longReason + 3]).toBe("• Reason 1: 1");
  });

  it("stays well-formed, with every count 0 and no percentages, for a study with nothing in it", () => {
    const empty = consortSvg(consortFlow({ agencies: [], participants: [] }), { title: "Nothing yet" });
    const parsed = parseXml(empty);
    const drawn = drawnLines(parsed);
    expect(drawn).toEqual(
      expect.arrayContaining(["n = 0", "n = 0 (–)", "Excluded: n = 0 (–)", "Awaiting screening: n = 0"]),
    );
    expect(drawn.join(" ")).not.toMatch(/[1-9]\d*\.\d%|NaN|undefined|null/);
    expect(all(parsed, "desc")[0]!.text).toContain("0 expressed interest");
  });
});

describe("wrapText and escapeXml", () => {
  it("wraps at the width, breaks a word longer than a line, and never returns nothing", () => {
    expect(wrapText("one two three four", 9)).toEqual(["one two", "three", "four"]);
    expect(wrapText("abcdefghijkl x", 5)).toEqual(["abcde", "fghij", "kl x"]);
    expect(wrapText("   ", 5)).toEqual([""]);
    expect(wrapText("Went no further: n = 10", 18)).toEqual(["Went no further:", "n = 10"]);
  });

  it("escapes the five XML characters and drops control characters XML cannot hold", () => {
    expect(escapeXml(`<a href="x">Tom & 'Jo'</a>\u0001`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jo&apos;&lt;/a&gt;",
    );
  });
});
