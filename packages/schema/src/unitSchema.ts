import { z } from "zod";
import { UNIT_NAMES } from "./units.ts";

/**
 * Apart from the unit table: the console's board reads the units alone (through `./quantity`) and
 * leaves zod out of its first load, even where a lazily loaded page shares the table and uses zod.
 */
export const UnitSchema = z.enum(UNIT_NAMES);
