// torch.optim.lr_scheduler as one namespace: the base and first schedulers (lr-scheduler.ts), the rest (lr-scheduler-more.ts, reduce-lr-on-plateau.ts).
export * from "./lr-scheduler";
export * from "./lr-scheduler-more";
export * from "./reduce-lr-on-plateau";
