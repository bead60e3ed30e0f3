// The CONSORT flow diagram as one standalone SVG document: the agencies' flow (expressed interest →
// eligible → selected → trained → recruiting) and then the participants' flow (referred → assessed
// for eligibility → consented → baseline → followed up), each step a box with its n and percentage,
// arrows down the main column, and beside it the boxes of those who went no further, left (with
// their reasons) or are still waiting. Pure: numbers in, markup out, so the page shows exactly the
// file that is downloaded, and a browser can turn the same markup into a PNG.
//
// There is no text measuring here (no browser, no fonts on the server): boxes wrap their text at a
// fixed number of characters, chosen for a 14 px system sans-serif with room to spare, and take the
// height of their lines. Black on white throughout (21:1).
import { STAGE_LABELS } from "@/lib/agencies/stages";
import type { ConsortBox, ConsortCount, ConsortExit, ConsortFlow, StageCount } from "./consort";

export type ConsortSvgOptions = { title: string; subtitle?: string };

/** The ids inside the SVG: one diagram per page, so fixed ids are unique. */
export const CONSORT_SVG_IDS = { title: "consort-title", desc: "consort-desc", arrow: "consort-arrow" } as const;

/** Reasons listed under one heading before the rest are summed up as "and N more reasons". */
export const MAX_REASONS = 6;
/** A reason longer than this many lines is cut with an ellipsis. */
const MAX_REASON_LINES = 3;

const WIDTH = 980;
const MARGIN = 24;
const MAIN_X = MARGIN;
const MAIN_W = 340;
const MAIN_CX = MAIN_X + MAIN_W / 2;
const SIDE_X = 450;
const SIDE_W = WIDTH - MARGIN - SIDE_X;
const FONT_SIZE = 14;
const LINE_HEIGHT = 20;
const PADDING = 12;
/** Vertical space between two main boxes with nothing beside them. */
const MIN_GAP = 44;
/** Space above and below a side box between two main boxes. */
const SIDE_GAP = 16;
/** A generous average width of a character at 14 px (bold is wider), so text never leaves its box. */
const CHAR_WIDTH = 7.9;
const BOLD_CHAR_WIDTH = 8.6;
const INDENT = 16;
const FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

type Line = { text: string; bold?: boolean; indent?: number };
type Step = { main: Line[]; side?: Line[] };

/** Text made safe for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** Words wrapped to at most `width` characters a line; a word longer than a line is broken. */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = "";
  // A space next to "=" does not break, so that "n = 12" stays on one line.
  for (const word of text
    .trim()
    .split(/(?<!=)\s+(?!=)/)
    .filter(Boolean)) {
    let rest = word;
    while (rest.length > width) {
      if (current) {
        lines.push(current);
        current = "";
      }
      lines.push(rest.slice(0, width));
      rest = rest.slice(width);
    }
    if (!rest) continue;
    if (!current) current = rest;
    else if (current.length + 1 + rest.length <= width) current = `${current} ${rest}`;
    else {
      lines.push(current);
      current = rest;
    }
  }
  if (current) lines.push(current);
  return lines.length > 0 ? lines : [""];
}

function charsFor(boxWidth: number, line: Line): number {
  return Math.floor((boxWidth - 2 * PADDING - (line.indent ?? 0)) / (line.bold ? BOLD_CHAR_WIDTH : CHAR_WIDTH));
}

/** Each line wrapped to the box's width; continuation lines keep the line's indent. */
function wrapLines(lines: readonly Line[], boxWidth: number): Line[] {
  return lines.flatMap((line) => wrapText(line.text, charsFor(boxWidth, line)).map((text) => ({ ...line, text })));
}

const boxHeight = (lines: readonly Line[]) => 2 * PADDING + lines.length * LINE_HEIGHT;

// ---------------------------------------------------------------------------------------------
// Words

const n = (count: number) => `n = ${count}`;

/** "n = 8 (80.0% of referred)", "n = 0 (–)" when the box above is empty, "n = 20" for a first box. */
function counted(box: ConsortBox | ConsortCount, of: string): string {
  if (box.percent === null) return n(box.count);
  if (box.percent === "–") return `${n(box.count)} (–)`;
  return `${n(box.count)} (${box.percent} of ${of})`;
}

function reasonLines(exit: ConsortExit, boxWidth: number): Line[] {
  const shown = exit.reasons.slice(0, MAX_REASONS);
  const lines = shown.flatMap(({ reason, count }) => {
    const line: Line = { text: `• ${reason}: ${count}`, indent: INDENT };
    const wrapped = wrapText(line.text, charsFor(boxWidth, line));
    const kept = wrapped.slice(0, MAX_REASON_LINES);
    if (wrapped.length > MAX_REASON_LINES) {
      // Cut the last kept line, but always keep the count readable at its end.
      const last = kept[MAX_REASON_LINES - 1]!;
      kept[MAX_REASON_LINES - 1] = `${last.slice(0, Math.max(0, last.length - 8 - String(count).length))}…: ${count}`;
    }
    return kept.map((text, index) => ({ text, indent: index === 0 ? INDENT : INDENT + 12 }));
  });
  const more = exit.reasons.length - shown.length;
  if (more > 0) lines.push({ text: `and ${more} more ${more === 1 ? "reason" : "reasons"}`, indent: INDENT });
  return lines;
}

/** A heading line for people who left, then their reasons (already wrapped). */
function exitLines(label: string, exit: ConsortExit, of: string, boxWidth: number, bold = true): Line[] {
  return [...wrapLines([{ text: `${label}: ${counted(exit, of)}`, bold }], boxWidth), ...reasonLines(exit, boxWidth)];
}

function stoppedLines(label: string, stages: readonly StageCount[]): Line[] {
  const total = stages.reduce((sum, entry) => sum + entry.count, 0);
  return wrapLines(
    [
      { text: `${label}: ${n(total)}`, bold: true },
      ...stages.map((entry) => ({ text: `• ${STAGE_LABELS[entry.stage]}: ${entry.count}`, indent: INDENT })),
    ],
    SIDE_W,
  );
}

const waiting = (label: string, count: number): Line[] => wrapLines([{ text: `${label}: ${n(count)}` }], SIDE_W);
const mainBox = (heading: string, detail: string): Line[] =>
  wrapLines([{ text: heading, bold: true }, { text: detail }], MAIN_W);

function agencySteps(flow: ConsortFlow["agencies"]): Step[] {
  return [
    {
      main: mainBox("Expressed interest (questionnaire submitted)", counted(flow.expressedInterest, "")),
      side: stoppedLines("Not eligible, by current stage", flow.stoppedAt.expressedInterest),
    },
    {
      main: mainBox("Eligible", counted(flow.eligible, "expressed interest")),
      side: stoppedLines("Eligible, not selected, by current stage", flow.stoppedAt.eligible),
    },
    {
      main: mainBox("Selected", counted(flow.selected, "eligible")),
      side: stoppedLines("Selected, training not completed, by current stage", flow.stoppedAt.selected),
    },
    {
      main: mainBox("Trained (every supervisor and worker)", counted(flow.trained, "selected")),
      side: stoppedLines("Trained, not recruiting, by current stage", flow.stoppedAt.trained),
    },
    { main: mainBox("Recruiting participants", counted(flow.recruiting, "trained")) },
  ];
}

function participantSteps(flow: ConsortFlow["participants"]): Step[] {
  const leftTwoWays = (left: { withdrawn: ConsortExit; lost: ConsortExit }, of: string, awaiting: Line[]) => [
    ...exitLines("Withdrawn", left.withdrawn, of, SIDE_W),
    ...exitLines("Lost to follow-up", left.lost, of, SIDE_W),
    ...awaiting,
  ];
  return [
    {
      main: mainBox("Referred", counted(flow.referred, "")),
      side: [
        ...exitLines("Left before screening (withdrawn or lost)", flow.leftBeforeScreening, "referred", SIDE_W),
        ...waiting("Awaiting screening", flow.awaitingScreening),
      ],
    },
    {
      main: mainBox("Assessed for eligibility", counted(flow.assessed, "referred")),
      side: [
        ...wrapLines([{ text: `Excluded: ${counted(flow.excluded, "assessed")}`, bold: true }], SIDE_W),
        ...exitLines("Not eligible", flow.excluded.notEligible, "assessed", SIDE_W, false),
        ...exitLines("Declined", flow.excluded.declined, "assessed", SIDE_W, false),
        ...exitLines(
          "Other reasons (withdrawn or lost before consent)",
          flow.excluded.otherReasons,
          "assessed",
          SIDE_W,
          false,
        ),
        ...waiting("Awaiting a consent decision", flow.awaitingConsent),
      ],
    },
    {
      main: mainBox("Consented", counted(flow.consented, "assessed")),
      side: leftTwoWays(flow.leftBeforeBaseline, "consented", waiting("Awaiting baseline", flow.awaitingBaseline)),
    },
    {
      main: mainBox("Baseline interview done", counted(flow.baseline, "consented")),
      side: leftTwoWays(flow.leftBeforeFollowUp, "baseline", waiting("Awaiting follow-up", flow.awaitingFollowUp)),
    },
    {
      main: mainBox("Followed up", counted(flow.followedUp, "baseline")),
      side: exitLines("Withdrew after follow-up", flow.withdrawnAfterFollowUp, "followed up", SIDE_W),
    },
  ];
}

/** One sentence per flow for <desc>: what a screen reader announces with the image. */
function description(flow: ConsortFlow, subtitle?: string): string {
  const a = flow.agencies;
  const p = flow.participants;
  const left = (entry: { withdrawn: ConsortExit; lost: ConsortExit }) => entry.withdrawn.count + entry.lost.count;
  return [
    subtitle ? `${subtitle}.` : "",
    `Agencies: ${a.expressedInterest.count} expressed interest, ${a.eligible.count} eligible, ${a.selected.count} selected, ${a.trained.count} trained, ${a.recruiting.count} recruiting.`,
    `Participants: ${p.referred.count} referred, ${p.leftBeforeScreening.count} left before screening, ${p.assessed.count} assessed for eligibility, ${p.excluded.count} excluded (${p.excluded.notEligible.count} not eligible, ${p.excluded.declined.count} declined, ${p.excluded.otherReasons.count} for other reasons), ${p.consented.count} consented, ${left(p.leftBeforeBaseline)} left before baseline, ${p.baseline.count} had a baseline interview, ${left(p.leftBeforeFollowUp)} left before follow-up, ${p.followedUp.count} followed up.`,
  ]
    .filter(Boolean)
    .join(" ");
}

// ---------------------------------------------------------------------------------------------
// Drawing

function rect(x: number, y: number, w: number, h: number): string {
  return `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="4" fill="#ffffff" stroke="#000000" stroke-width="1.5"/>`;
}

function textLines(lines: readonly Line[], x: number, y: number): string {
  return lines
    .map((line, index) => {
      const baseline = y + PADDING + index * LINE_HEIGHT + 15;
      const weight = line.bold ? ` font-weight="700"` : "";
      return `<text x="${x + PADDING + (line.indent ?? 0)}" y="${baseline}"${weight}>${escapeXml(line.text)}</text>`;
    })
    .join("");
}

function box(lines: readonly Line[], x: number, y: number, w: number): string {
  return `<g>${rect(x, y, w, boxHeight(lines))}${textLines(lines, x, y)}</g>`;
}

function arrow(x1: number, y1: number, x2: number, y2: number): string {
  return `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="#000000" stroke-width="1.5" marker-end="url(#${CONSORT_SVG_IDS.arrow})"/>`;
}

/** Draws one flow from `top`; returns the markup and the y below it. */
function drawFlow(steps: readonly Step[], top: number): { markup: string; bottom: number } {
  const parts: string[] = [];
  let y = top;
  steps.forEach((step, index) => {
    const height = boxHeight(step.main);
    parts.push(box(step.main, MAIN_X, y, MAIN_W));
    const sideHeight = step.side ? boxHeight(step.side) : 0;
    if (index < steps.length - 1) {
      const gap = step.side ? Math.max(MIN_GAP, sideHeight + 2 * SIDE_GAP) : MIN_GAP;
      // Stop just short of the next box, so the arrowhead touches its border.
      parts.push(arrow(MAIN_CX, y + height, MAIN_CX, y + height + gap - 1));
      if (step.side) {
        const sideTop = y + height + (gap - sideHeight) / 2;
        parts.push(arrow(MAIN_CX, sideTop + sideHeight / 2, SIDE_X - 1, sideTop + sideHeight / 2));
        parts.push(box(step.side, SIDE_X, sideTop, SIDE_W));
      }
      y += height + gap;
    } else {
      if (step.side) {
        // Beside the last box: level with its middle when shorter, level with its top when taller.
        const sideTop = sideHeight < height ? y + (height - sideHeight) / 2 : y;
        const middle = sideTop + Math.min(sideHeight, height) / 2;
        parts.push(arrow(MAIN_X + MAIN_W, middle, SIDE_X - 1, middle));
        parts.push(box(step.side, SIDE_X, sideTop, SIDE_W));
      }
      y += Math.max(height, sideHeight);
    }
  });
  return { markup: parts.join(""), bottom: y };
}

function heading(text: string, y: number): string {
  return `<text x="${MARGIN}" y="${y}" font-size="17" font-weight="700">${escapeXml(text)}</text><line x1="${MARGIN}" y1="${y + 8}" x2="${WIDTH - MARGIN}" y2="${y + 8}" stroke="#000000" stroke-width="1"/>`;
}

/** The CONSORT flow as a complete SVG document (no XML declaration: it is also embedded in HTML). */
export function consortSvg(flow: ConsortFlow, options: ConsortSvgOptions): string {
  const parts: string[] = [];
  let y = MARGIN;
  const titleLines = wrapText(options.title, Math.floor((WIDTH - 2 * MARGIN) / 12.5));
  for (const line of titleLines) {
    y += 26;
    parts.push(`<text x="${MARGIN}" y="${y}" font-size="21" font-weight="700">${escapeXml(line)}</text>`);
  }
  if (options.subtitle) {
    for (const line of wrapText(options.subtitle, Math.floor((WIDTH - 2 * MARGIN) / CHAR_WIDTH))) {
      y += LINE_HEIGHT + 2;
      parts.push(`<text x="${MARGIN}" y="${y}">${escapeXml(line)}</text>`);
    }
  }

  y += 44;
  parts.push(heading("Agencies", y));
  const agencies = drawFlow(agencySteps(flow.agencies), y + 26);
  parts.push(agencies.markup);

  y = agencies.bottom + 52;
  parts.push(heading("Participants", y));
  const participants = drawFlow(participantSteps(flow.participants), y + 26);
  parts.push(participants.markup);

  const height = Math.ceil(participants.bottom + MARGIN);
  const { title, desc, arrow: arrowId } = CONSORT_SVG_IDS;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="${title}" aria-describedby="${desc}" font-family="${FONT_FAMILY}" font-size="${FONT_SIZE}" fill="#000000">`,
    `<title id="${title}">${escapeXml(options.title)}</title>`,
    `<desc id="${desc}">${escapeXml(description(flow, options.subtitle))}</desc>`,
    `<defs><marker id="${arrowId}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#000000"/></marker></defs>`,
    `<rect x="0" y="0" width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    ...parts,
    `</svg>`,
  ].join("\n");
}
