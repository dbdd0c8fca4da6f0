import { createContext, type ComponentType } from 'react';
import type { ClusterLabel } from '../scene/types.ts';

/**
 * The immersive shell's way in, as the desktop shell shows it on the session page (an Enter VR
 * button or why there is none). Shells never import each other: the page's entry point
 * (client/main.tsx) provides the immersive shell's component here, and the desktop shell renders
 * whatever it is given (nothing without a provider, as in the scene lab).
 */
export const ImmersiveEntryContext = createContext<ComponentType<{ clusterLabels: readonly ClusterLabel[] }> | null>(null);
