/** Said instead of a form or button the signed-in user's role cannot use (from useMayDo's `why`). */
export function RoleNote({ why }: { why: string | null }) {
  if (!why) return null;
  return (
    <p className="govuk-inset-text" data-testid="role-note">
      {why}
    </p>
  );
}
