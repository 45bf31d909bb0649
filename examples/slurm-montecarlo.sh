#!/bin/sh
# ipabs montecarlo in 4 shards as a Slurm job array: task i (SLURM_ARRAY_TASK_ID, 1 to 4 here
# because the array is 1-4) computes shard i of SLURM_ARRAY_TASK_COUNT and writes parts/part-i.json.
# Submit from the folder that holds the deal, then merge when every task has succeeded:
#   mkdir -p parts
#   jobid=$(sbatch --parsable examples/slurm-montecarlo.sh)
#   sbatch --dependency=afterok:$jobid --output=montecarlo.txt --wrap 'ipabs merge parts/part-*.json'
#SBATCH --job-name=ipabs-montecarlo
#SBATCH --array=1-4
#SBATCH --cpus-per-task=2
#SBATCH --output=parts/slurm-%A_%a.log
set -eu
DEAL=${DEAL:-deals/guangkai-patent-license.json}
PATHS=${PATHS:-1000000}
SEED=${SEED:-1}
PARTS=${PARTS:-parts}
ipabs montecarlo "$DEAL" --paths "$PATHS" --seed "$SEED" --workers "${SLURM_CPUS_PER_TASK:-1}" \
  --shard "$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT" --out "$PARTS/part-$SLURM_ARRAY_TASK_ID.json"
