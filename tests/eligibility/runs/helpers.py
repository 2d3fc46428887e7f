"""Small populations for batch-run tests: talents in three regions with varied credentials and honours."""

from dataclasses import dataclass

from tests.talents.factories import CredentialFactory, HonourFactory, TalentFactory, TitleCredentialFactory


@dataclass
class Population:
    guangzhou: list  # 12 talents of world.org (Guangzhou, Guangdong)
    shenzhen: list  # 8 talents of world.org_other_city (Shenzhen, Guangdong)
    nanjing: list  # 6 talents of world.org_other_province (Nanjing, Jiangsu)

    @property
    def guangdong(self) -> list:
        return self.guangzhou + self.shenzhen

    @property
    def everyone(self) -> list:
        return self.guangdong + self.nanjing


def talents_with_mixed_records(employer, count: int) -> list:
    """Every third an award winner (green channel), every other a skill certificate, some titles."""
    talents = []
    for n in range(count):
        talent = TalentFactory(employer=employer)
        if n % 3 == 0:
            HonourFactory(talent=talent)
        if n % 2 == 0:
            CredentialFactory(talent=talent)
        if n % 4 == 1:
            TitleCredentialFactory(talent=talent)
        talents.append(talent)
    return talents


def population(world) -> Population:
    return Population(
        guangzhou=talents_with_mixed_records(world.org, 12),
        shenzhen=talents_with_mixed_records(world.org_other_city, 8),
        nanjing=talents_with_mixed_records(world.org_other_province, 6),
    )
