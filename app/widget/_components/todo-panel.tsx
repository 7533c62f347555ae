'use client';

/**
 * The signed-in view: add form, toggle all, list, filters, count, "clear completed" and the
 * privacy section. Every change is optimistic (see useTodos); on failure the list rolls back,
 * typed text is put back where it was typed, and an alert offers to try again. Focus is moved
 * on purpose after add, edit, delete, clear and erase.
 */
import { useEffect, useLayoutEffect, useRef, useState, type JSX } from 'react';

import type { TodoApi } from '@/lib/widget/api-client';
import { describeError } from '@/lib/widget/describe-error';
import type { Messages } from '@/lib/widget/i18n';
import { newIdempotencyKey } from '@/lib/widget/idempotency-key';
import { MAX_VALUE_LENGTH } from '@/lib/limits';
import { checkValue } from '@/lib/widget/check-value';
import type { TodoItem } from '@/lib/widget/types';
import { useHydrated } from '@/lib/widget/use-hydrated';
import { useTodos } from '@/lib/widget/use-todos';

import { ADD_INPUT_ID, AddForm } from './add-form';
import { applyFilter, FilterBar, ToggleAll, type Filter } from './list-controls';
import { Announcer, FailureAlert, type Failure } from './notices';
import { PrivacySection } from './privacy-section';
import { rowIds, TodoRow } from './todo-row';
import styles from './widget.module.css';

function problemText(raw: string, m: Messages, submitted: boolean): string | undefined {
  const problem = checkValue(raw);
  if (problem?.kind === 'too_long') return m.tooLong(problem.length, MAX_VALUE_LENGTH);
  return problem && submitted ? m.empty_value : undefined;
}

export function TodoPanel({
  api,
  m,
  rendered,
}: {
  api: TodoApi;
  m: Messages;
  /** Whether the server rendered the list (into TodosCache): shown at once, not fetched again. */
  rendered: boolean;
}): JSX.Element {
  const todos = useTodos(api, rendered);
  const hydrated = useHydrated();
  // The add form takes input from this commit on: what `npm run bench` times as "accepts an
  // add" (a layout effect runs with the commit; Preact runs passive ones a frame later).
  useLayoutEffect(() => {
    if (hydrated) performance.mark('hc-todo:interactive');
  }, [hydrated]);
  // Retries run later, from an alert: they must act on the list as it is then.
  const latest = useRef(todos);
  useEffect(() => {
    latest.current = todos;
  });

  const [draft, setDraft] = useState('');
  const [addSubmitted, setAddSubmitted] = useState(false);
  const [editing, setEditing] = useState<{ id: number; draft: string; submitted: boolean }>();
  const [filter, setFilter] = useState<Filter>('all');
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<Failure>();
  const [announcement, setAnnouncement] = useState('');

  // Focus moves in the commit that shows the change (a layout effect: before it is painted, and
  // before the next key press under React and Preact alike), to an element found by id — in the
  // widget's own tree: the iframe's document, or script mode's shadow root in the help center.
  const focusNext = useRef<string | undefined>(undefined);
  const panel = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const id = focusNext.current;
    if (!id) return;
    const tree = panel.current?.getRootNode() as Document | ShadowRoot | undefined;
    const element = tree?.getElementById(id);
    if (element) {
      focusNext.current = undefined;
      element.focus();
    }
  });
  const focusLater = (id: string): void => {
    focusNext.current = id;
  };

  const fail = (action: string, error: unknown, retry: () => void): void => {
    const { text, retryable } = describeError(error, m);
    setAnnouncement('');
    setFailure({ text: `${action} ${text}`, retry: retryable ? retry : undefined });
  };

  /** One add is one key: "Try again" resends the same key, so a lost reply never duplicates. */
  const add = (text: string, key: string = newIdempotencyKey()): void => {
    setAddSubmitted(true);
    if (checkValue(text)) {
      focusLater(ADD_INPUT_ID);
      return;
    }
    const value = text.trim();
    setAddSubmitted(false);
    setFailure(undefined);
    setDraft((current) => (current === text ? '' : current));
    focusLater(ADD_INPUT_ID);
    latest.current.add(value, key).then(
      () => setAnnouncement(m.added(value)),
      (error: unknown) => {
        // Give the text back unless something new has been typed meanwhile; the retry keeps it too.
        setDraft((current) => (current === '' ? text : current));
        fail(m.addFailed(value), error, () => {
          setDraft((current) => (current === text ? '' : current));
          add(text, key);
        });
      },
    );
  };

  const setDone = (item: TodoItem, done: boolean): void => {
    setFailure(undefined);
    latest.current.update(item.id, { done }).then(
      () => setAnnouncement(done ? m.markedDone(item.value) : m.markedOpen(item.value)),
      (error: unknown) => fail(m.toggleFailed(item.value), error, () => setDone(item, done)),
    );
  };

  const setAllDone = (done: boolean): void => {
    setFailure(undefined);
    latest.current.setAllDone(done).then(
      () => setAnnouncement(done ? m.markedAllDone : m.markedAllOpen),
      (error: unknown) => fail(m.toggleAllFailed, error, () => setAllDone(done)),
    );
  };

  const save = (id: number, text: string, original: string): void => {
    setEditing((current) => (current ? { ...current, submitted: true } : current));
    if (checkValue(text)) return;
    const value = text.trim();
    setEditing(undefined);
    focusLater(rowIds.editButton(id));
    if (value === original) return;
    setFailure(undefined);
    latest.current.update(id, { value }).then(
      () => setAnnouncement(m.saved(value)),
      (error: unknown) => {
        setEditing((current) => current ?? { id, draft: text, submitted: false });
        fail(m.saveFailed(value), error, () => save(id, text, original));
      },
    );
  };

  const remove = (item: TodoItem, visible: readonly TodoItem[]): void => {
    const index = visible.findIndex((i) => i.id === item.id);
    const neighbour = visible[index + 1] ?? visible[index - 1];
    focusLater(neighbour ? rowIds.checkbox(neighbour.id) : ADD_INPUT_ID);
    setFailure(undefined);
    latest.current.remove(item.id).then(
      () => setAnnouncement(m.deleted(item.value)),
      (error: unknown) => fail(m.deleteFailed(item.value), error, () => remove(item, [])),
    );
  };

  const clearCompleted = (): void => {
    focusLater(ADD_INPUT_ID);
    setFailure(undefined);
    latest.current.clearCompleted().then(
      (count) => setAnnouncement(m.cleared(count)),
      (error: unknown) => fail(m.clearFailed, error, clearCompleted),
    );
  };

  const { items, loadError } = todos;
  const openCount = items?.filter((item) => !item.done).length ?? 0;
  const doneCount = (items?.length ?? 0) - openCount;
  const visible = items ? applyFilter(items, filter) : [];
  const loadFailure: Failure | undefined =
    loadError && !items
      ? {
          text: `${m.loadFailed} ${describeError(loadError, m).text}`,
          retry: () => latest.current.reload(),
        }
      : undefined;
  const shown = failure ?? loadFailure;

  return (
    <>
      <div ref={panel} inert={confirming || !hydrated} aria-busy={hydrated ? undefined : true}>
        <AddForm
          m={m}
          value={draft}
          problem={problemText(draft, m, addSubmitted)}
          onChange={(value) => {
            setDraft(value);
            setAddSubmitted(false);
          }}
          onSubmit={() => add(draft)}
        />
        <FailureAlert
          m={m}
          failure={shown}
          onRetry={() => {
            setFailure(undefined);
            focusLater(ADD_INPUT_ID);
            shown?.retry?.();
          }}
          onDismiss={() => {
            setFailure(undefined);
            focusLater(ADD_INPUT_ID);
          }}
        />
        {items === undefined ? (
          !loadError && (
            <p className={styles.muted} aria-busy="true">
              {m.loading}
            </p>
          )
        ) : items.length === 0 ? (
          <p className={styles.muted}>{m.empty}</p>
        ) : (
          <>
            <ToggleAll
              m={m}
              allDone={openCount === 0}
              disabled={items.every((item) => item.id < 0)}
              onToggle={setAllDone}
            />
            {visible.length === 0 ? (
              <p className={styles.muted}>{filter === 'active' ? m.noneActive : m.noneCompleted}</p>
            ) : (
              <ul className={styles.list} aria-label={m.title}>
                {visible.map((item) => {
                  const isEditing = editing?.id === item.id;
                  return (
                    <TodoRow
                      key={item.id}
                      item={item}
                      m={m}
                      draft={isEditing ? editing.draft : undefined}
                      problem={
                        isEditing ? problemText(editing.draft, m, editing.submitted) : undefined
                      }
                      onToggle={() => setDone(item, !item.done)}
                      onEdit={() => {
                        setEditing({ id: item.id, draft: item.value, submitted: false });
                        focusLater(rowIds.editInput);
                      }}
                      onDraft={(value) =>
                        setEditing({ id: item.id, draft: value, submitted: false })
                      }
                      onSave={() => isEditing && save(item.id, editing.draft, item.value)}
                      onCancel={() => {
                        setEditing(undefined);
                        focusLater(rowIds.editButton(item.id));
                      }}
                      onDelete={() => remove(item, visible)}
                    />
                  );
                })}
              </ul>
            )}
            <div className={styles.footer}>
              <p className={styles.count}>{openCount > 0 ? m.openCount(openCount) : m.allDone}</p>
              <FilterBar m={m} filter={filter} onChange={setFilter} />
              {doneCount > 0 && (
                <button type="button" className={styles.secondary} onClick={clearCompleted}>
                  {m.clearCompleted(doneCount)}
                </button>
              )}
            </div>
          </>
        )}
      </div>
      {items !== undefined && (
        <PrivacySection
          m={m}
          api={api}
          itemCount={items.length}
          confirming={confirming}
          onConfirming={setConfirming}
          eraseAll={() => latest.current.eraseAll()}
          feedback={{
            announce: setAnnouncement,
            fail,
            clear: () => setFailure(undefined),
            focusLater,
          }}
          onErasing={() => setFilter('all')}
        />
      )}
      <Announcer text={announcement} />
    </>
  );
}
