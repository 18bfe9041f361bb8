import { useCallback, useState } from 'react';

/**
 * The key a create form sends with its mutation (`idempotencyKey`), made once when the form opens: a double
 * click or a retry after a lost response repeats the same key, and the server creates one record. Call
 * `renew` after a success when the same form stays open for the next record.
 */
export function useFormKey(): { key: string; renew: () => void } {
  const [key, setKey] = useState(() => crypto.randomUUID());
  const renew = useCallback(() => setKey(crypto.randomUUID()), []);
  return { key, renew };
}
