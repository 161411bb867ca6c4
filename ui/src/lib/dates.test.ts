import { describe, expect, it } from "vitest";
import { formatMinutes } from "./dates";

describe("formatMinutes", () => {
  // The same cases as handoff_core::metrics::tests::minutes_read_like_a_person_would_say_them.
  it("writes minutes as the engine does", () => {
    expect(formatMinutes(45)).toBe("45 min");
    expect(formatMinutes(120)).toBe("2 h");
    expect(formatMinutes(200)).toBe("3 h 20 min");
    expect(formatMinutes(2 * 1440)).toBe("2 d");
    expect(formatMinutes(2 * 1440 + 250)).toBe("2 d 4 h");
  });
});
