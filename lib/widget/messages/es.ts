import type { Messages } from './types';

const q = (value: string): string => `«${value}»`;

export const es: Messages = {
  title: 'Lista de tareas',
  newLabel: 'Nueva tarea',
  newPlaceholder: '¿Qué hay que hacer?',
  add: 'Añadir',
  connecting: 'Conectando con el centro de ayuda…',
  loading: 'Cargando tu lista de tareas…',
  empty: 'Aún no hay nada. Añade tu primera tarea arriba.',
  openCount: (n) => (n === 1 ? '1 tarea pendiente' : `${n} tareas pendientes`),
  allDone: '¡Todo hecho!',
  edit: 'Editar',
  editNamed: (value) => `Editar ${q(value)}`,
  editLabel: 'Editar tarea',
  save: 'Guardar',
  cancel: 'Cancelar',
  delete: 'Eliminar',
  deleteNamed: (value) => `Eliminar ${q(value)}`,
  clearCompleted: (n) => `Borrar completadas (${n})`,
  added: (value) => `${q(value)} añadida.`,
  saved: (value) => `${q(value)} guardada.`,
  markedDone: (value) => `${q(value)} marcada como hecha.`,
  markedOpen: (value) => `${q(value)} marcada como pendiente.`,
  deleted: (value) => `${q(value)} eliminada.`,
  cleared: (n) =>
    n === 1 ? 'Se borró 1 tarea completada.' : `Se borraron ${n} tareas completadas.`,
  tooLong: (count, max) => `Son ${count} caracteres; el límite es ${max}.`,
  empty_value: 'Escribe algo primero.',
  addFailed: (value) => `No se pudo añadir ${q(value)}.`,
  saveFailed: (value) => `No se pudo guardar ${q(value)}.`,
  toggleFailed: (value) => `No se pudo actualizar ${q(value)}.`,
  deleteFailed: (value) => `No se pudo eliminar ${q(value)}.`,
  clearFailed: 'No se pudieron borrar las tareas completadas.',
  loadFailed: 'No se pudo cargar tu lista de tareas.',
  limitReached: 'Has alcanzado el límite de 500 tareas. Elimina algunas para añadir más.',
  rateLimited: (seconds) => `Demasiados cambios a la vez. Vuelve a intentarlo en ${seconds} s.`,
  network:
    'No se puede conectar con el servicio de tareas. Revisa tu conexión y vuelve a intentarlo.',
  serviceUnavailable:
    'El servicio de tareas no está disponible ahora mismo. Vuelve a intentarlo en un momento.',
  signInFailed: 'No se pudo confirmar tu sesión en el centro de ayuda. Vuelve a intentarlo.',
  notFound: 'Esa tarea ya no existe; la lista se ha actualizado.',
  rejected: 'El servicio de tareas rechazó este cambio.',
  retry: 'Reintentar',
  dismiss: 'Cerrar',
  signedOut: 'Inicia sesión para ver tu lista de tareas.',
  signIn: 'Iniciar sesión',
  featureUnavailable:
    'Este centro de ayuda no puede emitir los tokens de inicio de sesión que necesita la lista de tareas (los JWT del centro de ayuda forman parte de Guide Enterprise).',
  notEmbedded:
    'Esta lista de tareas funciona dentro de una página del centro de ayuda. Consulta el README.',
};
