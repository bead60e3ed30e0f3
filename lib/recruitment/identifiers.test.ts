// The identifier guard on participants' free-text reasons: what it refuses (email addresses, valid NHS
// numbers, UK phone numbers, postcodes, dates of birth), what it only warns about (names, NHS-like
// numbers, street addresses), what it must let through (ordinary reasons with dates, counts and
// service names), and the messages of the shared zod field.
import { describe, expect, it } from "vitest";
import { identifierCheck, isValidNhsNumber, REASON_MAX } from "./identifiers";
import { reasonField } from "./reason-schema";

const EMAIL = "Remove the email address. Participants' records must not hold anyone's contact details.";
const NHS = "Remove the NHS number. Participants are known by their study ID only.";
const PHONE = "Remove the phone number. Participants' records must not hold anyone's contact details.";
const POSTCODE = "Remove the postcode. Participants' records must not hold anyone's address.";
const DATE_OF_BIRTH =
  "Remove the date of birth. Participants' records must not hold dates of birth; if age matters, write an age range instead, such as “over 65”.";
const NHS_LIKE =
  "The 10-digit number looks like an NHS number. Remove it if it is one: participants are known by their study ID only.";
const nameWarning = (name: string) =>
  `“${name}” looks like a person's name. If it is one, remove it and write their role instead, such as “the participant” or “their worker”.`;

describe("NHS number check digit", () => {
  it("accepts numbers whose tenth digit is the modulus 11 check digit", () => {
    // 943 476 591|9: 9×10 + 4×9 + 3×8 + 4×7 + 7×6 + 6×5 + 5×4 + 9×3 + 1×2 = 299; 299 mod 11 = 2; 11 − 2 = 9.
    expect(isValidNhsNumber("9434765919")).toBe(true);
    // 401 023 213|7: 40 + 0 + 8 + 0 + 12 + 15 + 8 + 3 + 6 = 92; 92 mod 11 = 4; 11 − 4 = 7.
    expect(isValidNhsNumber("4010232137")).toBe(true);
    // 400 000 002|0: 40 + 2×2 = 44; 44 mod 11 = 0; 11 − 0 = 11, which becomes 0.
    expect(isValidNhsNumber("4000000020")).toBe(true);
  });

  it("refuses a wrong check digit, a check digit of 10, and anything but ten digits", () => {
    expect(isValidNhsNumber("9434765918")).toBe(false); // the check digit is 9, not 8
    expect(isValidNhsNumber("4010232136")).toBe(false); // the check digit is 7, not 6
    // 400 000 008|?: 40 + 8×2 = 56; 56 mod 11 = 1; 11 − 1 = 10: never issued, whatever the last digit.
    for (let last = 0; last <= 9; last += 1) expect(isValidNhsNumber(`400000008${last}`)).toBe(false);
    expect(isValidNhsNumber("943476591")).toBe(false);
    expect(isValidNhsNumber("94347659190")).toBe(false);
    expect(isValidNhsNumber("943 476 5919")).toBe(false);
  });
});

describe("identifierCheck refuses the obvious identifiers", () => {
  it.each([
    "Contact jo.bloggs@example.co.uk for details",
    "email SIAN.JONES@NHS.NET",
    "carer's address is first.last+study@mail.example.org.",
  ])("an email address: %s", (text) => {
    expect(identifierCheck(text).refuse).toEqual([EMAIL]);
  });

  it.each(["NHS no 943 476 5919", "9434765919", "nhs: 943-476-5919", "(401 023 2137)", "4000000020 on file"])(
    "a valid NHS number: %s",
    (text) => {
      expect(identifierCheck(text)).toEqual({ refuse: [NHS], warn: [] });
    },
  );

  it.each([
    "call 07700 900123",
    "07700900123",
    "07700-900-123",
    "mobile +44 7700 900123",
    "+447700900123",
    "+44 (0)7700 900123",
    "0044 7700 900123",
    "office 020 7946 0958",
    "tel: 01632 960 123",
    "(01632) 960123",
    "0161 496 0000 is the team",
    "ring 0300 123 4567 then 2 sessions",
  ])("a UK phone number: %s", (text) => {
    expect(identifierCheck(text)).toEqual({ refuse: [PHONE], warn: [] });
  });

  it.each(["lives at SW1A 1AA", "M1 1AE", "moved to B33 8TH.", "CR2 6XH", "DN55 1PT", "W1A0AX"])(
    "a full postcode in capitals: %s",
    (text) => {
      expect(identifierCheck(text).refuse).toEqual([POSTCODE]);
    },
  );

  it.each([
    "DOB 3/4/1950",
    "dob given",
    "D.O.B. 03.04.50",
    "born on 3/4/1950",
    "Born 1950",
    "born in March 1950",
    "born on the 3rd of May",
    "date of birth on file",
    "Date of Birth: 1 Jan 1950",
  ])("a date of birth: %s", (text) => {
    expect(identifierCheck(text).refuse).toEqual([DATE_OF_BIRTH]);
  });

  it("lists each kind once, in a fixed order, without repeating the identifier back", () => {
    const result = identifierCheck(
      "born 1/2/1950, 943 476 5919, a@b.com, c@d.org, 07700 900123, 07700 900124, SW1A 1AA, date of birth",
    );
    expect(result.refuse).toEqual([EMAIL, NHS, PHONE, POSTCODE, DATE_OF_BIRTH]);
    expect(result.refuse.join(" ")).not.toMatch(/1950|943|07700|SW1A|@/);
  });
});

describe("identifierCheck lets ordinary reasons through", () => {
  it.each([
    "seen on 3 March",
    "moved to another team",
    "declined: too busy",
    "2 sessions missed",
    "referred in 2019, seen again 2024",
    "seen 03/04/2024 at 10:30",
    "seen 01 02 2024 10:30",
    "interview 2024-03-04",
    "3.4.2024",
    "aged over 65",
    "0 of 4 measures done",
    "CP-07-0012 moved away",
    "1234567",
    "Prefers not to say",
    "Moved away",
    "Community Mental Health Team said no",
    "Resource Generator not done, WEMWBS done",
    "transferred to the NHS Trust",
    "seen on Tuesday Morning",
    "away until March April",
    "MS Society support instead",
    "2 sessions in the park",
    "was born again Christian, too busy",
    "no date recorded",
  ])("%s", (text) => {
    expect(identifierCheck(text)).toEqual({ refuse: [], warn: [] });
  });
});

describe("identifierCheck warns about what only looks like an identifier", () => {
  it("a 10-digit number that fails the NHS check", () => {
    expect(identifierCheck("ref 943 476 5918")).toEqual({ refuse: [], warn: [NHS_LIKE] });
    expect(identifierCheck("400-000-0081")).toEqual({ refuse: [], warn: [NHS_LIKE] });
    expect(identifierCheck("4000000089")).toEqual({ refuse: [], warn: [NHS_LIKE] });
  });

  it("a title and a capitalised word", () => {
    expect(identifierCheck("Referred by Mr Smith").warn).toEqual([nameWarning("Mr Smith")]);
    expect(identifierCheck("Mrs Jones declined").warn).toEqual([nameWarning("Mrs Jones")]);
    expect(identifierCheck("Dr. Patel said not eligible").warn).toEqual([nameWarning("Dr. Patel")]);
    expect(identifierCheck("spoke to Ms O'Brien").warn).toEqual([nameWarning("Ms O'Brien")]);
    expect(identifierCheck("Mrs May agreed").warn).toEqual([nameWarning("Mrs May")]);
  });

  it("two capitalised words in a row, including names with accents and apostrophes", () => {
    expect(identifierCheck("Referred by Siân Jones today")).toEqual({ refuse: [], warn: [nameWarning("Siân Jones")] });
    expect(identifierCheck("Zoë O'Brien declined").warn).toEqual([nameWarning("Zoë O'Brien")]);
    expect(identifierCheck("John Smith declined").warn).toEqual([nameWarning("John Smith")]);
    expect(identifierCheck("Moved away. Siân Jones said so").warn).toEqual([nameWarning("Siân Jones")]);
    expect(identifierCheck("carer Ann McDonald-Smith agreed").warn).toEqual([nameWarning("Ann McDonald-Smith")]);
    // The same name typed with a combining accent (NFD) is still noticed.
    expect(identifierCheck("seen with Sia\u0302n Jones").warn).toEqual([nameWarning("Siân Jones")]);
  });

  it("does not take a sentence's first word, acronyms or service words for a name", () => {
    expect(identifierCheck("Declined Monday").warn).toEqual([]);
    expect(identifierCheck("Moved. Prefers Leeds").warn).toEqual([]);
    expect(identifierCheck("CMHT Leeds said no").warn).toEqual([]);
    expect(identifierCheck("under the Mental Health Act").warn).toEqual([]);
    expect(identifierCheck("Leeds Community Team took over").warn).toEqual([]);
  });

  it("a street address", () => {
    expect(identifierCheck("lives at 12 High Street")).toEqual({
      refuse: [],
      warn: ["“12 High Street” looks like an address. Remove it: records must not hold anyone's address."],
    });
    expect(identifierCheck("moved to 4a Church Rd.").warn).toEqual([
      "“4a Church Rd.” looks like an address. Remove it: records must not hold anyone's address.",
    ]);
    expect(identifierCheck("at 221b Baker street now").warn).toEqual([
      "“221b Baker street” looks like an address. Remove it: records must not hold anyone's address.",
    ]);
  });

  it("a postcode in small letters", () => {
    expect(identifierCheck("lives near sw1a 1aa")).toEqual({
      refuse: [],
      warn: ["“sw1a 1aa” looks like a postcode. Remove it if it is one: records must not hold addresses."],
    });
  });

  it("an identifier refused is not also warned about as something else", () => {
    // The phone number is not also an NHS-like number, and the email's name part is not a name.
    expect(identifierCheck("Siân.Jones@example.com 07700 900123")).toEqual({ refuse: [EMAIL, PHONE], warn: [] });
  });
});

describe("reasonField", () => {
  const schema = reasonField("the reason for declining");
  const messages = (input: unknown) => schema.safeParse(input).error?.issues.map((issue) => issue.message) ?? [];

  it("accepts a short reason, trimmed, and keeps it even with a warning", () => {
    expect(schema.parse("  too busy  ")).toBe("too busy");
    expect(schema.parse("Mr Smith said too busy")).toBe("Mr Smith said too busy");
  });

  it("asks for a reason when it is missing or blank", () => {
    expect(messages("   ")).toEqual(["Enter the reason for declining."]);
    expect(messages(undefined)).toEqual(["Enter the reason for declining."]);
  });

  it("asks for a shorter reason past REASON_MAX characters", () => {
    expect(REASON_MAX).toBe(200);
    expect(schema.safeParse("x".repeat(200)).success).toBe(true);
    expect(messages("x".repeat(201))).toEqual([
      "Shorten the reason for declining to 200 characters or fewer (it has 201). A few words are enough.",
    ]);
  });

  it("refuses hidden control characters, which PostgreSQL cannot store (NUL) or nobody types", () => {
    for (const text of ["Out of area\u0000", "moved\u0007away", "\u001Bgone"]) {
      expect(messages(text)).toEqual([
        "Remove the hidden control characters from the reason for declining (they come from pasting): type it again as plain text.",
      ]);
    }
    expect(schema.parse("two lines\nand a\ttab")).toBe("two lines\nand a\ttab");
  });

  it("answers a 100,000-character reason at once, asking only to shorten it (the fuzz test found it took a minute)", () => {
    const started = performance.now();
    expect(messages(`Mr Smith ${"Aa ".repeat(33_000)}`)).toEqual([
      "Shorten the reason for declining to 200 characters or fewer (it has 99008). A few words are enough.",
    ]);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("refuses each kind of identifier with its own message", () => {
    expect(messages("call 07700 900123 or a@b.com")).toEqual([EMAIL, PHONE]);
    expect(messages("943 476 5919")).toEqual([NHS]);
  });
});
