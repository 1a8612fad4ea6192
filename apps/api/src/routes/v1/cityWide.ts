import { z } from "@hono/zod-openapi";

/**
 * `region` on an answer that is city-wide (the summary, the bulletin): refused by name, in both
 * languages, rather than silently ignored — a district's figures are read per target.
 */
export const CityWideRegionQuery = z
  .string()
  .optional()
  .refine((region) => region === undefined, {
    message: "not accepted here: this answer is city-wide; a district's figures are at /v1/progress/{code}?region=",
    params: { zh: "此处不接受该参数：本结果为全市口径；区县数据请查询 /v1/progress/{code}?region=" },
  })
  .meta({
    description:
      "Not accepted (400): the answer is city-wide. A district's or county's figures are at /v1/progress/{code}?region=",
  });
