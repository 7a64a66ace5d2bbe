// Asking before a destructive or bulk action: `await confirm({...})` opens a modal dialog naming the
// consequence (and the count), answers true only when the person presses the confirming button. One host
// (<ConfirmHost/>, in the shell) shows one question at a time.
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n.tsx';

export interface Question {
  title: string;
  body: ReactNode;
  /** The confirming button's words: say what happens ("Akhiri PKS"), not "OK". */
  confirmLabel: string;
  danger?: boolean;
}

interface Pending extends Question {
  resolve: (yes: boolean) => void;
}

let show: ((q: Pending) => void) | null = null;

/** Resolves true when confirmed, false when cancelled (Escape, the cancel button or the backdrop). */
export function confirm(q: Question): Promise<boolean> {
  return new Promise((resolve) => {
    if (!show) resolve(false);
    else show({ ...q, resolve });
  });
}

export function ConfirmHost() {
  const { t } = useI18n();
  const [q, setQ] = useState<Pending | null>(null);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    show = setQ;
    return () => {
      show = null;
    };
  }, []);
  useEffect(() => {
    const d = ref.current;
    if (q && d && !d.open) d.showModal();
  }, [q]);
  const answer = (yes: boolean) => {
    q?.resolve(yes);
    setQ(null);
    ref.current?.close();
  };
  return (
    <dialog
      ref={ref}
      className="confirm"
      aria-labelledby="confirm-title"
      data-testid="confirm"
      onCancel={(e) => {
        e.preventDefault();
        answer(false);
      }}
    >
      {q && (
        <form method="dialog" onSubmit={(e) => e.preventDefault()}>
          <h2 id="confirm-title">{q.title}</h2>
          <div className="confirm-body">{q.body}</div>
          <div className="actions">
            <button type="button" className="btn" onClick={() => answer(false)} data-testid="confirm-cancel">
              {t('Batal', 'Cancel')}
            </button>
            <button
              type="button"
              className={q.danger ? 'btn btn-danger' : 'btn btn-primary'}
              onClick={() => answer(true)}
              data-testid="confirm-yes"
              // biome-ignore lint/a11y/noAutofocus: a modal question focuses its answer
              autoFocus
            >
              {q.confirmLabel}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
