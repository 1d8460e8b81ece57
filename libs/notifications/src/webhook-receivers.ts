import { EntityManager } from 'typeorm';
import { ReceiverType } from './entities/outbox-message.entity';

const RECEIVER_SQL: Record<ReceiverType, string> = {
  unit: 'SELECT webhook_url FROM inspection_units WHERE unit_code = $1',
  bureau: 'SELECT webhook_url FROM industry_bureaus WHERE bureau_code = $1',
};

/**
 * The receiver's webhook_url (inspection_units / industry_bureaus): a URL, null when the
 * receiver has none, undefined when no such receiver exists.
 */
export async function webhookUrlOf(m: EntityManager, type: ReceiverType, code: string): Promise<string | null | undefined> {
  const rows: Array<{ webhook_url: string | null }> = await m.query(RECEIVER_SQL[type], [code]);
  if (rows.length === 0) return undefined;
  const url = rows[0].webhook_url?.trim();
  return url ? url : null;
}
