import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InputError } from "../../io.ts";
import { parseSvgLayout } from "./common-options.ts";

describe("parseSvgLayout", () => {
  const good: { opts: Record<string, string>; expected: Record<string, string | number> }[] = [
    { opts: {}, expected: {} },
    { opts: { title: "OS" }, expected: { title: "OS" } },
    // the range ends are allowed: width 320–4000, height 240–4000, font size 6–40 px
    {
      opts: { width: "320", height: "4000", fontSize: "6" },
      expected: { width: 320, height: 4000, fontSize: 6 },
    },
    {
      opts: { width: "4000", height: "240", fontSize: "40" },
      expected: { width: 4000, height: 240, fontSize: 40 },
    },
  ];
  for (const c of good)
    it(`${JSON.stringify(c.opts)} -> ${JSON.stringify(c.expected)}`, () => {
      assert.deepEqual(parseSvgLayout(c.opts), c.expected);
    });

  const bad: { opts: Record<string, string>; option: string }[] = [
    { opts: { width: "319" }, option: "--width" },
    { opts: { height: "4001" }, option: "--height" },
    { opts: { fontSize: "5.9" }, option: "--font-size" },
    { opts: { width: "wide" }, option: "--width" },
    { opts: { height: " " }, option: "--height" },
  ];
  for (const c of bad)
    it(`${JSON.stringify(c.opts)} is an input error naming ${c.option}`, () => {
      assert.throws(
        () => parseSvgLayout(c.opts),
        (err: unknown) => err instanceof InputError && err.message.startsWith(`${c.option} must be`),
      );
    });
});
