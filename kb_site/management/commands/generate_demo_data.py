import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from kb_site.cache import bump_all
from kb_site.collections import demo_configs


class Command(BaseCommand):
    help = (
        "Generate deterministic synthetic entries for benchmarks and demos (marked origin=generated). "
        "Imported and curated entries are never touched; --clear removes generated entries only."
    )

    def add_arguments(self, parser):
        for config in demo_configs():
            parser.add_argument(
                f"--{config.demo_option}",
                type=int,
                default=0,
                metavar="N",
                help=f"How many generated {config.demo_option} to add.",
            )
        parser.add_argument("--seed", type=int, default=1, help="Random seed: the same seed gives the same data.")
        parser.add_argument("--batch-size", type=int, default=2000, help="Rows per bulk insert.")
        parser.add_argument("--clear", action="store_true", help="First remove every generated entry (and only those).")

    def handle(self, *args, **options):
        configs = demo_configs()
        for config in configs:
            if options[config.demo_option] < 0:
                raise CommandError(f"--{config.demo_option} must be 0 or more.")
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be at least 1.")
        if options["clear"]:
            for config in configs:
                with transaction.atomic():
                    removed = config.clear_demo_data()
                    bump_all()
                self.stdout.write(f"{config.label}: removed {removed} generated {config.demo_option}.")
        for config in configs:
            count = options[config.demo_option]
            if not count:
                continue
            if config.demo_data_exists():
                raise CommandError(
                    f"Generated {config.demo_option} already exist: run generate_demo_data with --clear first."
                )
            rng = random.Random(f"{options['seed']}:{config.label}")
            started = time.perf_counter()
            with transaction.atomic():
                created = config.generate_demo_data(count, rng=rng, batch_size=options["batch_size"])
                bump_all()
            elapsed = time.perf_counter() - started
            self.stdout.write(
                self.style.SUCCESS(f"{config.label}: generated {created} {config.demo_option} in {elapsed:.1f} s.")
            )
