from crmselect.cli import main

main()
