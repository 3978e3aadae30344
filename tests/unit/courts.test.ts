import { describe, expect, it } from "vitest";
import { cityOfCourt, readCourts } from "../../prisma/seed/courts";

describe("courts", () => {
  it("derive the city from the court's name", () => {
    expect(cityOfCourt("Tribunal judiciaire d'Agen")).toBe("Agen");
    expect(cityOfCourt("Tribunal judiciaire de Paris")).toBe("Paris");
    expect(cityOfCourt("Tribunal judiciaire du Mans")).toBe("Le Mans");
    expect(cityOfCourt("Tribunal judiciaire des Sables-d'Olonne")).toBe("Les Sables-d'Olonne");
    expect(() => cityOfCourt("Cour d'appel de Paris")).toThrow(/inattendu/);
  });

  it("read every tribunal judiciaire once, with its BAJ", () => {
    const courts = readCourts();
    expect(courts.length).toBe(171);
    expect(new Set(courts.map((c) => c.code)).size).toBe(courts.length);
    expect(courts).toContainEqual({
      code: "75056",
      name: "Tribunal judiciaire de Paris",
      city: "Paris",
      inseeCode: "75056",
      departement: "75",
      bajName: "Bureau d'aide juridictionnelle du tribunal judiciaire de Paris",
    });
  });
});
