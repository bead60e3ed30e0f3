// The guard that keeps identifiers out of participants' free-text reasons (ineligible, declined,
// withdrawn, lost to follow-up). Participants are pseudonymised: the app stores a study ID and dates,
// never names, addresses, NHS numbers, phone numbers or dates of birth (PRODUCT.md "Recruitment",
// issue 7). Workers type these reasons in a hurry, so the form checks as they type and the server
// checks again with the same schema (reasonField).
//
// Two levels, because a pattern can be sure or only suspicious:
// - refuse: the obvious identifiers, which no reason needs: an email address, a valid NHS number, a
//   UK phone number, a full postcode in capitals, a date of birth. The form will not save them.
// - warn: what merely looks like an identifier: a name ("Mr Smith", "Siân Jones"), a 10-digit number
//   that fails the NHS check digit, a street address, a postcode in small letters. The person is
//   asked to look again, but may save, because "Community Mental Health Team" or "moved to Milton
//   Keynes" are fair reasons that a pattern cannot tell from a name.
//
// Refusals never repeat the identifier back (they name its kind only); warnings quote the words,
// because the person has to judge them. Pure: no database, safe in client components.

/** The longest free-text reason, in characters: a short reason, not a case note. */
export const REASON_MAX = 200;

export type IdentifierCheck = {
  /** One message per kind of identifier found that must be removed before saving. */
  refuse: string[];
  /** One message per suspicious piece of text, for the person to check; saving is still allowed. */
  warn: string[];
};

// ---------------------------------------------------------------------------------------------
// NHS numbers

/**
 * Whether ten digits make a valid NHS number: the first nine digits weighted 10 down to 2 and summed;
 * the check digit is 11 minus the remainder on dividing by 11 (11 becomes 0; 10 means the number is
 * never issued), and must equal the tenth digit.
 */
export function isValidNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let index = 0; index < 9; index += 1) sum += Number(digits[index]) * (10 - index);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

/** Ten digits together, or spaced or dashed 3-3-4 with the same separator both times, in no longer number. */
const TEN_DIGITS = /(?<!\d)(\d{3})([ -]?)(\d{3})\2(\d{4})(?!\d)/g;

// ---------------------------------------------------------------------------------------------
// Phone numbers

/**
 * Where a UK phone number may start: +44 (or 0044), or a 0 (perhaps in brackets, as in "(01632)").
 * Not straight after a letter, digit or a date's separator, so "2024-03-04" and "x07" do not start one.
 */
const PHONE_CANDIDATE = /(?<![\p{L}\p{N}+\-/.])(?:\+ ?44|0044|\(?0)[\d ()-]*\d/gu;

/**
 * Whether a candidate is a UK phone number: after +44 (and an optional "(0)"), 9 or 10 digits; or a 0
 * and 9 or 10 more digits, beginning 01, 02, 03, 05, 07, 08 or 09, whose first group has at least 3
 * digits, as UK numbers are written ("020 7946 0958", "01632 960123", "07700 900123"). The first-group
 * rule keeps dates written with spaces or dashes ("01 02 2024 10") from passing. The number may be
 * followed by other numbers ("07700 900123 2 sessions"), so each run of groups from the start is tried.
 */
function isUkPhone(candidate: string): boolean {
  const international = /^(?:\+ ?44|0044)/.exec(candidate);
  const rest = international ? candidate.slice(international[0].length).replace(/^[ ]*\(0\)/, "") : candidate;
  const groups = rest.split(/[ ()-]+/).filter((group) => group !== "");
  const first = groups[0];
  if (first === undefined) return false;
  if (!international && (first.length < 3 || !/^0[1235789]/.test(first))) return false;
  if (international && first.startsWith("0")) return false;
  let digits = "";
  for (const group of groups) {
    digits += group;
    const national = international ? digits.length : digits.length - 1;
    if (national === 9 || national === 10) {
      if (international || /^0[1235789]/.test(digits)) return true;
    }
    if (national > 10) return false;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Postcodes, dates of birth, addresses, names

/**
 * A full UK postcode: outward code (area letters, district digit, optional letter or digit), an
 * optional space, inward code (a digit and two letters, never C, I, K, M, O or V). Matched in any
 * case; only a postcode in capitals is refused, because small letters ("wk1 2nd") are less certain.
 */
const POSTCODE = /(?<![\p{L}\p{N}])[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}(?![\p{L}\p{N}])/giu;

const MONTH_WORDS = "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec";

/** "DOB", "D.O.B.", "date of birth", and "born" followed by a date or a year ("born on 3/4/1950", "born in March 1950"). */
const DATE_OF_BIRTH = [
  /(?<![\p{L}\p{N}])d\.? ?o\.? ?b(?![\p{L}\p{N}])/iu,
  /\bdate\s+of\s+birth\b/i,
  new RegExp(`\\bborn\\s+(?:(?:on|in)\\s+)?(?:the\\s+)?(?:\\d|(?:${MONTH_WORDS})[a-z]*\\b)`, "i"),
];

/**
 * A word starting with a capital and going on in small letters, as names are written: "Jones",
 * "Siân", "O'Brien", "McDonald", "Smith-Jones", "Smith's". Not "NHS" or "CMHT", and not a lone "A".
 */
const NAME_START = String.raw`\p{Lu}(?:[\p{Ll}\p{M}]+(?:\p{Lu}[\p{Ll}\p{M}]+)?|['’]\p{Lu}[\p{Ll}\p{M}]+)`;
const CAPITALISED = String.raw`${NAME_START}(?:['’-]\p{Lu}?[\p{Ll}\p{M}]+)*`;
const CAPITALISED_WORD = new RegExp(`^${CAPITALISED}$`, "u");

/** A title and the capitalised word after it: "Mr Smith", "Dr. Patel", "Ms O'Brien". Titles as people write them, so "MS Society" is not one. */
const TITLED_NAME = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor)\.? +${CAPITALISED}`,
  "gu",
);

/** Street words, in capitals or small letters at the start ("Street", "street"): "[Ss]treet|[Rr]oad|…". */
const STREET_WORDS = ["street", "st", "road", "rd", "lane", "ln", "avenue", "ave", "close", "drive", "way"]
  .concat(["crescent", "court", "place", "gardens", "grove", "terrace", "square", "walk", "mews", "row", "rise"])
  .concat(["hill", "park", "view"])
  .map((word) => `[${word.charAt(0).toUpperCase()}${word.charAt(0)}]${word.slice(1)}`)
  .join("|");

/**
 * A house number, one to three words of which the first is capitalised, and a street word: "12 High
 * Street", "4a Church Rd", "221b Baker street". Case matters (no `i` flag, under which \p{Lu} would
 * match small letters too), so "2 sessions in the park" is no address.
 */
const STREET_ADDRESS = new RegExp(
  String.raw`(?<![\p{L}\p{N}])\d{1,4}[a-z]?,? +\p{Lu}[\p{L}\p{M}'’-]*(?: +[\p{L}\p{M}'’-]+){0,2} +(?:${STREET_WORDS})\.?(?![\p{L}\p{N}])`,
  "gu",
);

/**
 * Capitalised words that belong to services, measures and the calendar rather than to people. A pair
 * of capitalised words with one of these in it is not taken for a name, so "Mental Health",
 * "Community Team", "Resource Generator", "NHS Trust", "Leeds Community Team" and "Tuesday
 * Morning" pass. (A few are also first names, such as May and June; the title check still catches
 * "Mrs May".)
 */
const SERVICE_WORDS = new Set(
  [
    "mental",
    "health",
    "community",
    "team",
    "teams",
    "resource",
    "generator",
    "trust",
    "nhs",
    "service",
    "services",
    "social",
    "care",
    "council",
    "hospital",
    "adult",
    "adults",
    "older",
    "people",
    "learning",
    "disability",
    "disabilities",
    "connecting",
    "recovery",
    "college",
    "centre",
    "center",
    "unit",
    "ward",
    "crisis",
    "home",
    "treatment",
    "primary",
    "secondary",
    "support",
    "housing",
    "association",
    "practice",
    "surgery",
    "clinic",
    "act",
    "network",
    "partnership",
    "foundation",
    "university",
    "project",
    "group",
    "worker",
    "coordinator",
    "manager",
    "nurse",
    "doctor",
    "psychiatrist",
    "psychologist",
    "therapist",
    "advocate",
    "study",
    "research",
    "interview",
    "baseline",
    "follow",
    "up",
    "wellbeing",
    "warwick",
    "edinburgh",
    "scale",
    "questionnaire",
    "christmas",
    "easter",
    "new",
    "year",
    "bank",
    "holiday",
    "morning",
    "afternoon",
    "evening",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
  ].map((word) => word.normalize("NFC")),
);

/**
 * Words that often begin a sentence in a reason. A sentence's first word is capitalised whatever it
 * is, so a pair that starts a sentence counts as a name only when its first word is not one of these:
 * "Moved away" and "Prefers Leeds" pass, "Siân Jones moved away" is still noticed.
 */
const SENTENCE_STARTERS = new Set([
  "a",
  "about",
  "after",
  "again",
  "already",
  "an",
  "and",
  "as",
  "at",
  "because",
  "before",
  "being",
  "but",
  "by",
  "cannot",
  "client",
  "could",
  "currently",
  "declined",
  "did",
  "does",
  "due",
  "family",
  "felt",
  "feels",
  "for",
  "from",
  "had",
  "has",
  "he",
  "her",
  "his",
  "in",
  "is",
  "it",
  "lives",
  "living",
  "moved",
  "moving",
  "no",
  "not",
  "now",
  "on",
  "our",
  "participant",
  "person",
  "prefers",
  "referred",
  "said",
  "says",
  "saw",
  "seen",
  "she",
  "since",
  "the",
  "their",
  "they",
  "this",
  "too",
  "transferred",
  "under",
  "unable",
  "wants",
  "was",
  "we",
  "went",
  "with",
  "would",
]);

/** Each capitalised word not part of a longer word, with where it is. */
function capitalisedWords(text: string): { word: string; start: number; end: number }[] {
  const words: { word: string; start: number; end: number }[] = [];
  for (const match of text.matchAll(/[\p{L}\p{M}'’-]+/gu)) {
    if (CAPITALISED_WORD.test(match[0])) {
      words.push({ word: match[0], start: match.index, end: match.index + match[0].length });
    }
  }
  return words;
}

function startsSentence(text: string, index: number): boolean {
  const before = text.slice(0, index);
  return /(?:^|[.!?:;\n]|^\s*[-*•])[\s"“‘'(]*$/u.test(before);
}

function namePairs(text: string): string[] {
  const words = capitalisedWords(text);
  const found: string[] = [];
  for (const [index, second] of words.entries()) {
    const first = words[index - 1];
    if (first === undefined) continue;
    // Next to each other: only spaces between them.
    if (!/^ +$/.test(text.slice(first.end, second.start))) continue;
    if (SERVICE_WORDS.has(first.word.toLowerCase()) || SERVICE_WORDS.has(second.word.toLowerCase())) continue;
    if (startsSentence(text, first.start) && SENTENCE_STARTERS.has(first.word.toLowerCase())) continue;
    found.push(`${first.word} ${second.word}`);
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// The check

const REFUSALS = {
  email: "Remove the email address. Participants' records must not hold anyone's contact details.",
  nhs: "Remove the NHS number. Participants are known by their study ID only.",
  phone: "Remove the phone number. Participants' records must not hold anyone's contact details.",
  postcode: "Remove the postcode. Participants' records must not hold anyone's address.",
  dateOfBirth:
    "Remove the date of birth. Participants' records must not hold dates of birth; if age matters, write an age range instead, such as “over 65”.",
} as const;

const EMAIL = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/giu;

/** Blank out what was found, so one identifier is not also taken for another ("07700 900123" is no NHS number). */
function blank(text: string, pattern: RegExp, keep: (found: string) => boolean): { text: string; found: string[] } {
  const found: string[] = [];
  const rest = text.replace(pattern, (match) => {
    if (!keep(match)) return match;
    found.push(match);
    return " ".repeat(match.length);
  });
  return { text: rest, found };
}

function quote(words: string): string {
  return `“${words.trim()}”`;
}

/**
 * What in a free-text reason must be removed (refuse) and what the person should look at again
 * (warn), in plain words that say what to do. Empty lists when the text is fine.
 */
export function identifierCheck(text: string): IdentifierCheck {
  const refuse: string[] = [];
  const warn: string[] = [];
  let rest = text.normalize("NFC");

  const emails = blank(rest, EMAIL, () => true);
  rest = emails.text;
  if (emails.found.length > 0) refuse.push(REFUSALS.email);

  const nhsNumbers = blank(rest, TEN_DIGITS, (found) => isValidNhsNumber(found.replace(/\D/g, "")));
  rest = nhsNumbers.text;
  if (nhsNumbers.found.length > 0) refuse.push(REFUSALS.nhs);

  const phones = blank(rest, PHONE_CANDIDATE, isUkPhone);
  rest = phones.text;
  if (phones.found.length > 0) refuse.push(REFUSALS.phone);

  const postcodes = blank(rest, POSTCODE, () => true);
  rest = postcodes.text;
  if (postcodes.found.some((postcode) => postcode === postcode.toUpperCase())) refuse.push(REFUSALS.postcode);

  if (DATE_OF_BIRTH.some((pattern) => pattern.test(rest))) refuse.push(REFUSALS.dateOfBirth);

  for (const postcode of postcodes.found.filter((found) => found !== found.toUpperCase())) {
    warn.push(`${quote(postcode)} looks like a postcode. Remove it if it is one: records must not hold addresses.`);
  }
  if ([...rest.matchAll(TEN_DIGITS)].length > 0) {
    warn.push(
      "The 10-digit number looks like an NHS number. Remove it if it is one: participants are known by their study ID only.",
    );
  }
  const addresses = blank(rest, STREET_ADDRESS, () => true);
  rest = addresses.text;
  for (const address of addresses.found) {
    warn.push(`${quote(address)} looks like an address. Remove it: records must not hold anyone's address.`);
  }
  const titled = blank(rest, TITLED_NAME, () => true);
  rest = titled.text;
  for (const name of [...titled.found, ...namePairs(rest)]) {
    warn.push(
      `${quote(name)} looks like a person's name. If it is one, remove it and write their role instead, such as “the participant” or “their worker”.`,
    );
  }
  return { refuse, warn: [...new Set(warn)] };
}
