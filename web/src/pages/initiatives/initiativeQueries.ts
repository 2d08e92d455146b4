// Reading and changing initiatives; the shapes are the server's zod contracts (types only).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CreateInitiativeRequest, InitiativeDetailResponse, InitiativeListResponse, InitiativeProgressResponse, InitiativeTodoResponse,
} from '../../../../src/contracts/initiatives';
import { apiFetch } from '../../api/client';

export type InitiativeList = z.infer<typeof InitiativeListResponse>;
export type InitiativeDetail = z.infer<typeof InitiativeDetailResponse>;
export type InitiativeProgress = z.infer<typeof InitiativeProgressResponse>;
export type InitiativeTodo = z.infer<typeof InitiativeTodoResponse>;
export type CreateInitiative = z.input<typeof CreateInitiativeRequest>;

const path = (name: string, tail = '') => `/initiatives/${encodeURIComponent(name)}${tail}`;

export function useInitiatives() {
  return useQuery({ queryKey: ['initiatives'], queryFn: ({ signal }) => apiFetch<InitiativeList>('/initiatives', { signal }) });
}

export function useInitiative(name: string) {
  return useQuery({ queryKey: ['initiative', name], queryFn: ({ signal }) => apiFetch<InitiativeDetail>(path(name), { signal }) });
}

/** With `owner`, the team's history comes along (and the entities are the team's). */
export function useInitiativeProgress(name: string, owner: string | null = null) {
  return useQuery({
    queryKey: ['initiative', name, 'progress', owner],
    queryFn: ({ signal }) => apiFetch<InitiativeProgress>(path(name, '/progress'), { signal, query: { limit: 100, owner: owner ?? undefined } }),
    placeholderData: (previous) => previous,
  });
}

export function useInitiativeTodo(name: string, owner: string | null) {
  return useQuery({
    queryKey: ['initiative', name, 'todo', owner],
    queryFn: ({ signal }) => apiFetch<InitiativeTodo>(path(name, '/todo'), { signal, query: { owner: owner ?? undefined, limit: 200 } }),
  });
}

export function useCreateInitiative() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateInitiative) => apiFetch<InitiativeDetail>('/initiatives', { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['initiatives'] }),
  });
}

export function useInitiativeAction(name: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: 'publish' | 'close') => apiFetch<InitiativeDetail>(path(name, `/${action}`), { method: 'POST' }),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: ['initiative', name] }), client.invalidateQueries({ queryKey: ['initiatives'] })]),
  });
}
