import type { Messages } from './types';

const q = (value: string): string => `„${value}“`;

export const de: Messages = {
  title: 'Aufgabenliste',
  newLabel: 'Neue Aufgabe',
  newPlaceholder: 'Was ist zu tun?',
  add: 'Hinzufügen',
  connecting: 'Verbindung zum Help Center wird hergestellt…',
  loading: 'Deine Aufgabenliste wird geladen…',
  empty: 'Noch nichts hier. Füge oben deine erste Aufgabe hinzu.',
  openCount: (n) => (n === 1 ? '1 offene Aufgabe' : `${n} offene Aufgaben`),
  allDone: 'Alles erledigt!',
  edit: 'Bearbeiten',
  editNamed: (value) => `${q(value)} bearbeiten`,
  editLabel: 'Aufgabe bearbeiten',
  save: 'Speichern',
  cancel: 'Abbrechen',
  delete: 'Löschen',
  deleteNamed: (value) => `${q(value)} löschen`,
  clearCompleted: (n) => `Erledigte entfernen (${n})`,
  added: (value) => `${q(value)} hinzugefügt.`,
  saved: (value) => `${q(value)} gespeichert.`,
  markedDone: (value) => `${q(value)} als erledigt markiert.`,
  markedOpen: (value) => `${q(value)} als offen markiert.`,
  deleted: (value) => `${q(value)} gelöscht.`,
  cleared: (n) => (n === 1 ? '1 erledigte Aufgabe entfernt.' : `${n} erledigte Aufgaben entfernt.`),
  tooLong: (count, max) => `Das sind ${count} Zeichen; erlaubt sind ${max}.`,
  empty_value: 'Gib zuerst etwas ein.',
  addFailed: (value) => `${q(value)} konnte nicht hinzugefügt werden.`,
  saveFailed: (value) => `${q(value)} konnte nicht gespeichert werden.`,
  toggleFailed: (value) => `${q(value)} konnte nicht aktualisiert werden.`,
  deleteFailed: (value) => `${q(value)} konnte nicht gelöscht werden.`,
  clearFailed: 'Die erledigten Aufgaben konnten nicht entfernt werden.',
  loadFailed: 'Deine Aufgabenliste konnte nicht geladen werden.',
  limitReached:
    'Du hast die Höchstzahl von 500 Aufgaben erreicht. Lösche einige, um neue hinzuzufügen.',
  rateLimited: (seconds) => `Zu viele Änderungen auf einmal. Versuche es in ${seconds} s erneut.`,
  network:
    'Der Aufgabendienst ist nicht erreichbar. Prüfe deine Verbindung und versuche es erneut.',
  serviceUnavailable:
    'Der Aufgabendienst ist gerade nicht verfügbar. Versuche es gleich noch einmal.',
  signInFailed: 'Deine Anmeldung im Help Center konnte nicht bestätigt werden. Versuche es erneut.',
  notFound: 'Diese Aufgabe gibt es nicht mehr; die Liste wurde aktualisiert.',
  rejected: 'Der Aufgabendienst hat diese Änderung abgelehnt.',
  retry: 'Erneut versuchen',
  dismiss: 'Schließen',
  signedOut: 'Melde dich an, um deine Aufgabenliste zu sehen.',
  signIn: 'Anmelden',
  featureUnavailable:
    'Dieses Help Center kann die für die Aufgabenliste nötigen Anmelde-Token nicht ausstellen (Help-Center-JWTs gehören zu Guide Enterprise).',
  notEmbedded: 'Diese Aufgabenliste funktioniert in einer Help-Center-Seite. Siehe README.',
};
