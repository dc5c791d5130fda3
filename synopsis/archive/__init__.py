"""The archive side of synopsis: many articles, many stories."""

from .grouping import StoryGroup, group_stories

__all__ = ["StoryGroup", "group_stories"]
