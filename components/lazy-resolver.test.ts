import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { FIRST_USE_EVENTS, lazyZodResolver } from "./lazy-resolver";

const schema = z.object({ email: z.string().trim().min(1, "Enter your email address.") });
const options = { fields: {}, shouldUseNativeValidation: false } as const;

describe("lazyZodResolver", () => {
  it("loads the schema at the first check and answers with its messages and parsed values", async () => {
    let loads = 0;
    const resolver = lazyZodResolver(async () => {
      loads += 1;
      return schema;
    });
    expect(loads).toBe(0); // nothing is fetched until needed (or until the page is first used)

    const refused = await resolver({ email: "  " }, undefined, options);
    expect(refused.errors.email?.message).toBe("Enter your email address.");
    const accepted = await resolver({ email: " a@b.org " }, undefined, options);
    expect(accepted.values).toEqual({ email: "a@b.org" });
    expect(loads).toBe(1);
  });

  describe("in a browser", () => {
    afterEach(() => {
      Reflect.deleteProperty(globalThis, "window");
    });

    for (const type of FIRST_USE_EVENTS) {
      it(`starts loading at the first ${type}, once, and not before`, async () => {
        const window = new EventTarget();
        Object.assign(globalThis, { window });
        let loads = 0;
        const resolver = lazyZodResolver(async () => {
          loads += 1;
          return schema;
        });
        await Promise.resolve();
        expect(loads).toBe(0); // reading the page fetches nothing
        window.dispatchEvent(new Event(type));
        expect(loads).toBe(1);
        for (const other of FIRST_USE_EVENTS) window.dispatchEvent(new Event(other));
        const refused = await resolver({ email: "" }, undefined, options);
        expect(refused.errors.email?.message).toBe("Enter your email address.");
        expect(loads).toBe(1);
      });
    }
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
