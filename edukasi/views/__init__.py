from .editor import *  # noqa: F403
from .public import *  # noqa: F403
