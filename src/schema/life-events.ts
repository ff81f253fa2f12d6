import * as z from 'zod';
import { basicCode, nonEmptyText } from './common.js';

/**
 * The schema of data/life-events.yaml: the life events (主题) the portal preview groups a hall's
 * items by, each naming the items it takes by basic code.
 */
export const lifeEventsSchema = z.strictObject({
  events: z.array(
    z.strictObject({
      id: z.string().regex(/^[a-z][a-z0-9-]*$/),
      name: nonEmptyText,
      nameEn: nonEmptyText,
      items: z.array(basicCode),
    }),
  ),
});
export type LifeEvents = z.infer<typeof lifeEventsSchema>;
