import { describe, expect, it } from "vitest";
import { countByFilter, daysLeft, isOverdue, nextSteps, shortId } from "./view.ts";

describe("follow-ups (督办)", () => {
  // 2024-08-10 17:00 UTC is 2024-08-11 01:00 in Yinchuan.
  const lateEvening = new Date("2024-08-10T17:00:00Z");

  it("is overdue after its due date in the city's calendar while the bureau owes an answer", () => {
    expect(isOverdue({ status: "assigned", dueDate: "2024-08-10" }, lateEvening)).toBe(true);
    expect(isOverdue({ status: "returned", dueDate: "2024-08-10" }, lateEvening)).toBe(true);
    expect(isOverdue({ status: "assigned", dueDate: "2024-08-11" }, lateEvening)).toBe(false);
    // Answered or closed: the bureau has done its part.
    expect(isOverdue({ status: "answered", dueDate: "2024-08-01" }, lateEvening)).toBe(false);
    expect(isOverdue({ status: "closed", dueDate: "2024-08-01" }, lateEvening)).toBe(false);
  });

  it("counts days left from the city's today", () => {
    expect(daysLeft("2024-08-11", lateEvening)).toBe(0);
    expect(daysLeft("2024-08-18", lateEvening)).toBe(7);
    expect(daysLeft("2024-08-09", lateEvening)).toBe(-2);
  });

  it("counts each status and all", () => {
    const items = (["assigned", "assigned", "answered", "closed"] as const).map((status) => ({ status }));
    expect(countByFilter(items)).toEqual({ all: 4, assigned: 2, answered: 1, returned: 0, closed: 1 });
  });

  it("lets the bureau answer and the admin review, each at its turn", () => {
    expect(nextSteps({ status: "assigned" }, "bureau")).toEqual({ answer: true, review: false });
    expect(nextSteps({ status: "returned" }, "bureau")).toEqual({ answer: true, review: false });
    expect(nextSteps({ status: "answered" }, "bureau")).toEqual({ answer: false, review: false });
    expect(nextSteps({ status: "answered" }, "admin")).toEqual({ answer: false, review: true });
    expect(nextSteps({ status: "answered" }, "leader")).toEqual({ answer: false, review: false });
    expect(nextSteps({ status: "closed" }, "admin")).toEqual({ answer: false, review: false });
  });

  it("names a case by the head of its id", () => {
    expect(shortId("3f2a9c1e-0000-4000-8000-000000000000")).toBe("3f2a9c1e");
  });
});
