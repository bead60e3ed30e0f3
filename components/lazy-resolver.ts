// A react-hook-form resolver whose zod schema is loaded after the page, not with it. zod and the
// resolver are about 35 kB of gzipped JavaScript, a quarter of a page's first load (issue 8 sets a
// 150 kB budget), and a person needs them only when they first leave a field or press the button.
// They are fetched as soon as the person starts to use the page (the first focus, press or key),
// so that they are there by the first check; someone who only reads the page never pays for them,
// and a phone does not spend a long task setting zod up while the page is still coming to life
// (docs/decisions/008). A check that comes first waits for them; if the fetch failed (a dropped
// connection), the next check tries again. The server validates every submission with the same
// schema whatever happens here.
//
// Call it once, at the top of a client component's module, with an import of the schema's module:
//   const resolver = lazyZodResolver(() => import("@/lib/auth/schema").then((m) => m.forgotPasswordSchema));
// A module that also imports values (not only types) from the schema's module statically brings
// zod into the page again: keep such constants in a module without zod.
import type { FieldValues, Resolver } from "react-hook-form";
import type * as z from "zod";

/** What shows that a person has started to use the page. */
export const FIRST_USE_EVENTS = ["focusin", "pointerdown", "keydown"] as const;

/** Calls `callback` once, at the first of FIRST_USE_EVENTS anywhere in the window. */
function onFirstUse(target: EventTarget, callback: () => void): void {
  const once = () => {
    for (const type of FIRST_USE_EVENTS) target.removeEventListener(type, once, true);
    callback();
  };
  for (const type of FIRST_USE_EVENTS) target.addEventListener(type, once, { capture: true, passive: true });
}

export function lazyZodResolver<Input extends FieldValues, Output = Input, Context = unknown>(
  load: () => Promise<z.ZodType<Output, Input>>,
): Resolver<Input, Context, Output> {
  let loading: Promise<Resolver<Input, Context, Output>> | undefined;
  const resolver = () =>
    (loading ??= Promise.all([load(), import("@hookform/resolvers/zod")]).then(
      ([schema, { zodResolver }]) => zodResolver(schema) as unknown as Resolver<Input, Context, Output>,
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
  if (typeof window !== "undefined") onFirstUse(window, () => void resolver().catch(() => undefined));
  return async (values, context, options) => (await resolver())(values, context, options);
}
