import { describe, expect, it } from "vitest";
import { z } from "zod";
import { lazyZodResolver } from "./lazy-resolver";

const schema = z.object({ email: z.string().trim().min(1, "Enter your email address.") });
const options = { fields: {}, shouldUseNativeValidation: false } as const;

describe("lazyZodResolver", () => {
  it("loads the schema at the first check and answers with its messages and parsed values", async () => {
    let loads = 0;
    const resolver = lazyZodResolver(async () => {
      loads += 1;
      return schema;
    });
    expect(loads).toBe(0); // nothing is fetched until needed (or until the browser is idle)

    const refused = await resolver({ email: "  " }, undefined, options);
    expect(refused.errors.email?.message).toBe("Enter your email address.");
    const accepted = await resolver({ email: " a@b.org " }, undefined, options);
    expect(accepted.values).toEqual({ email: "a@b.org" });
    expect(loads).toBe(1);
  });

  it("tries again at the next check when loading failed (a dropped connection)", async () => {
    let loads = 0;
    const resolver = lazyZodResolver(async () => {
      loads += 1;
      if (loads === 1) throw new Error("network");
      return schema;
    });
    await expect(resolver({ email: "" }, undefined, options)).rejects.toThrow("network");
    const second = await resolver({ email: "" }, undefined, options);
    expect(second.errors.email?.message).toBe("Enter your email address.");
    expect(loads).toBe(2);
  });
});
