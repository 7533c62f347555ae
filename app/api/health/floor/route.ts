// The API benchmark's framework floor (lib/http/bench-floor.ts): 404 outside its build. Under
// /api/health so that, like the API, it bypasses the proxy (see proxy.ts's matcher).
import { benchFloor } from '@/lib/http/bench-floor';

export const dynamic = 'force-dynamic';

export const GET = benchFloor;
