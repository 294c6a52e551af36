import { Button } from "./Button";

/** The edit and delete buttons of a row in an editable list (goals, A/B tests): labelled per row for screen readers. */
export function EditDeleteButtons({
  testIdPrefix,
  editText,
  editLabel,
  deleteText,
  deleteLabel,
  disabled,
  onEdit,
  onDelete,
}: {
  testIdPrefix: string;
  editText: string;
  editLabel: string;
  deleteText: string;
  deleteLabel: string;
  disabled?: boolean;
  onEdit: () => void;
  onDelete: () => void;
}) {
  return (
    <>
      <Button variant="secondary" size="sm" aria-label={editLabel} data-testid={`${testIdPrefix}-edit`} onClick={onEdit}>
        {editText}
      </Button>
      <Button
        variant="ghost"
        size="sm"
        aria-label={deleteLabel}
        data-testid={`${testIdPrefix}-delete`}
        disabled={disabled}
        onClick={onDelete}
      >
        {deleteText}
      </Button>
    </>
  );
}
