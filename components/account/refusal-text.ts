import type { ActionError } from "@/lib/action-result";
import { actionErrorText } from "@/lib/action-result";
import type { Translate } from "@/lib/i18n/translate";

/**
 * The account forms' refusals in the reader's words: each field's problem beside it, the rest as
 * `form`. A password field refused as `invalid` was the user's own (wrong) password; `too_short`
 * and `too_long` are about a new one.
 */
export function accountRefusal(t: Translate, error: ActionError, context: { conflict?: string } = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, code] of Object.entries(error.fieldErrors ?? {})) {
    if (code === "unsafe_text" || code === "unknown_key") out[field] = t(`common.fieldErrors.${code}`);
    else if (field === "newEmail")
      out[field] =
        code === "taken"
          ? t(error.code === "conflict" ? "account.errors.emailTaken" : "account.errors.emailSame")
          : t("account.errors.newEmail");
    else if (code === "too_short" || code === "too_long") out[field] = t("account.errors.newPassword");
    else if (field === "currentPassword") out[field] = t("account.errors.currentPassword");
    else if (field === "password") out[field] = t("account.errors.password");
    else if (field === "code") out[field] = t("account.errors.code");
    else if (field === "confirm") out[field] = t("account.errors.confirm");
    else out.form = t(`common.fieldErrors.${code}`);
  }
  if (Object.keys(out).length) return out;
  if (error.code === "rate_limited") return { form: t("account.errors.passwordLimited") };
  if (error.code === "unavailable") return { form: t("account.errors.noMail") };
  if (error.code === "conflict" && context.conflict) return { form: context.conflict };
  return { form: actionErrorText(t, "account", error) };
}
