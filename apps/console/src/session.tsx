import { createContext, useContext } from 'react';
import type { Me } from './api';

export const SessionContext = createContext<{ me: Me | null; setMe: (me: Me | null) => void }>({ me: null, setMe: () => undefined });
export const useSession = (): { me: Me | null; setMe: (me: Me | null) => void } => useContext(SessionContext);

export const LABOUR_ROLES = ['admin', 'brigade_lead', 'inspector', 'auditor'];
